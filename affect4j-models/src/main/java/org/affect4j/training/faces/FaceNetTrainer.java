package org.affect4j.training.faces;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.affect4j.models.DjlRuntime;
import org.affect4j.training.AdamOptimiser;
import org.affect4j.util.Shuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Fine-tunes {@link FaceApiExpressionNet} on labelled face crops: softmax cross-entropy over the 7 classes (an ABAW
 * label is scored against face-api's output of that class, so the {@code fc} layer keeps face-api's order and the
 * tuned weights stay a drop-in replacement), AdamW, shuffled mini-batches, and an optional random shift of every crop
 * by up to {@link Options#maxShift} pixels (uncovered pixels are 0, i.e. the mean colour after normalisation).
 * After every epoch the caller's validation score of the current net is computed and the best epoch's weights are
 * kept, as {@link org.affect4j.linear.MlpTrainer#fit} does for the perceptron.
 *
 * <p>The data order and shifts of an epoch are functions of the seed and the epoch number only; the net has no
 * dropout, so on CPU a run repeats exactly for a seed (as far as the engine's kernels are deterministic).
 */
public final class FaceNetTrainer {
    private static final int CLASSES = FaceApiExpressionNet.FACEAPI_CLASSES.size();
    private static final int PIXELS = FaceApiExpressionNet.SIZE * FaceApiExpressionNet.SIZE * 3;

    /**
     * Settings.
     *
     * @param learningRate AdamW step size
     * @param weightDecay  AdamW decoupled weight decay
     * @param epochs       epochs to train (the best by validation score is returned)
     * @param batchSize    crops per step
     * @param seed         data order and shifts
     * @param maxShift     random shift of each crop by up to this many pixels in x and y (0: none)
     * @param frozenBlocks the first this many dense blocks (0-4) keep their weights: no gradient flows into them,
     *                     which also saves their backward pass
     * @param threads      engine intra-op threads (0: all processors)
     */
    public record Options(double learningRate, double weightDecay, int epochs, int batchSize, long seed, int maxShift,
                          int frozenBlocks, int threads) {
        public Options {
            if (!(learningRate > 0) || weightDecay < 0 || epochs < 1 || batchSize < 1 || maxShift < 0
                    || maxShift >= FaceApiExpressionNet.SIZE || frozenBlocks < 0 || frozenBlocks > 4) {
                throw new IllegalArgumentException("bad fine-tuning options: learning rate " + learningRate + ", weight decay "
                        + weightDecay + ", epochs " + epochs + ", batch " + batchSize + ", shift " + maxShift + ", frozen blocks "
                        + frozenBlocks);
            }
        }
    }

    /** Labelled training crops. */
    public interface Crops {
        /** Number of crops. */
        int size();

        /** ABAW class (0 Neutral, 1 Anger, 2 Disgust, 3 Fear, 4 Happiness, 5 Sadness, 6 Surprise) of crop {@code i}. */
        int label(int i);

        /** Copies crop {@code i} ({@code 112 x 112 x 3} normalised values, NHWC) into {@code dst} from {@code offset}. */
        void copy(int i, float[] dst, int offset);
    }

    /** Progress of a fit. */
    public interface Progress {
        /** After every step: mean training loss of the epoch so far. */
        default void onStep(int epoch, int step, int steps, double meanLoss) {
        }

        /** After every epoch: its mean training loss and validation score. */
        default void onEpoch(int epoch, double meanLoss, double validationScore, double seconds) {
        }
    }

    /**
     * What a fit returns.
     *
     * @param bestEpoch   1-based epoch with the highest validation score (the first among equals)
     * @param bestScore   its score
     * @param bestWeights the net's weights after that epoch, TensorFlow.js names and layouts
     * @param scores      validation score per epoch
     * @param losses      mean training loss per epoch
     */
    public record Result(int bestEpoch, double bestScore, Map<String, NamedTensor> bestWeights, double[] scores,
                         double[] losses) {
    }

    private final Options options;

    public FaceNetTrainer(Options options) {
        this.options = options;
    }

    /**
     * Fine-tunes the net with {@code initial} weights on {@code train}.
     *
     * @param validation score of the current net after an epoch, higher is better (e.g. validation macro-F1)
     * @throws IllegalArgumentException no training crop, a label outside 0-6, or weights that do not fit the net
     * @throws IllegalStateException    the loss became NaN or infinite
     */
    public Result fit(Map<String, NamedTensor> initial, Crops train, ToDoubleFunction<FaceApiExpressionNet> validation,
                      Progress progress) {
        if (train.size() == 0) throw new IllegalArgumentException("no training crops");
        DjlRuntime.start(options.threads());
        int[] target = new int[train.size()];
        for (int i = 0; i < target.length; i++) {
            int y = train.label(i);
            if (y < 0 || y >= CLASSES) throw new IllegalArgumentException("crop " + i + " has label " + y + ", expected 0-6");
            target[i] = FaceApiExpressionNet.faceApiIndex(y);
        }
        SplittableRandom master = new SplittableRandom(options.seed());
        Engine.getInstance().setRandomSeed(master.nextInt());
        long dataSeed = master.nextLong();
        double[] scores = new double[options.epochs()];
        double[] losses = new double[options.epochs()];
        int bestEpoch = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        Map<String, NamedTensor> best = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            FaceApiExpressionNet net = new FaceApiExpressionNet(manager, initial);
            List<Parameter> trainable = new ArrayList<>();
            for (Parameter p : net.parameterList()) {
                if (frozen(p.getName())) {
                    p.freeze(true);
                } else {
                    trainable.add(p);
                }
            }
            AdamOptimiser optimiser = new AdamOptimiser(trainable, (float) options.weightDecay(), true, manager);
            ParameterStore store = new ParameterStore(manager, false);
            for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                long start = System.nanoTime();
                SplittableRandom rng = new SplittableRandom(dataSeed + epoch * 0x9E3779B97F4A7C15L);
                losses[epoch - 1] = epoch(manager, net, store, optimiser, train, target, rng, epoch, progress);
                scores[epoch - 1] = validation.applyAsDouble(net);
                if (scores[epoch - 1] > bestScore) {
                    bestScore = scores[epoch - 1];
                    bestEpoch = epoch;
                    best = net.weights();
                }
                progress.onEpoch(epoch, losses[epoch - 1], scores[epoch - 1], (System.nanoTime() - start) / 1e9);
            }
        }
        return new Result(bestEpoch, bestScore, best, scores, losses);
    }

    private double epoch(NDManager manager, FaceApiExpressionNet net, ParameterStore store, AdamOptimiser optimiser, Crops train, int[] target,
                         SplittableRandom rng, int epoch, Progress progress) {
        int n = train.size();
        int[] order = IntStream.range(0, n).toArray();
        Shuffle.inPlace(order, rng);
        int steps = (n + options.batchSize() - 1) / options.batchSize();
        float[] crop = new float[PIXELS];
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            int from = s * options.batchSize();
            int rows = Math.min(options.batchSize(), n - from);
            float[] x = new float[rows * PIXELS];
            int[] y = new int[rows];
            for (int r = 0; r < rows; r++) {
                int i = order[from + r];
                y[r] = target[i];
                if (options.maxShift() == 0) {
                    train.copy(i, x, r * PIXELS);
                } else {
                    train.copy(i, crop, 0);
                    int m = options.maxShift();
                    shift(crop, x, r * PIXELS, rng.nextInt(-m, m + 1), rng.nextInt(-m, m + 1));
                }
            }
            float loss;
            try (NDManager step = manager.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(store, new NDList(step.create(x, new Shape(rows, FaceApiExpressionNet.SIZE,
                            FaceApiExpressionNet.SIZE, 3))), true).get(1);
                    NDArray l = crossEntropy(logits, step.create(y));
                    loss = l.getFloat();
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("fine-tuning diverged: the loss became " + loss + " at epoch " + epoch
                                + ", step " + (s + 1) + "; lower the learning rate (" + options.learningRate() + ")");
                    }
                    gc.backward(l);
                }
                optimiser.step((float) options.learningRate(), 0f);
            }
            sum += loss;
            progress.onStep(epoch, s + 1, steps, sum / (s + 1));
        }
        return sum / steps;
    }

    private boolean frozen(String parameter) {
        for (int b = 0; b < options.frozenBlocks(); b++) {
            if (parameter.startsWith("dense" + b + "/")) return true;
        }
        return false;
    }

    /** Mean softmax cross-entropy of {@code logits [B, C]} against class indices {@code labels [B]}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1));
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** {@code src} moved by {@code dx} right and {@code dy} down into {@code dst} at {@code offset}; uncovered pixels 0. */
    static void shift(float[] src, float[] dst, int offset, int dx, int dy) {
        int size = FaceApiExpressionNet.SIZE;
        int row = size * 3;
        java.util.Arrays.fill(dst, offset, offset + PIXELS, 0f);
        int x0 = Math.max(0, dx), x1 = Math.min(size, size + dx);
        for (int yy = Math.max(0, dy); yy < Math.min(size, size + dy); yy++) {
            System.arraycopy(src, (yy - dy) * row + (x0 - dx) * 3, dst, offset + yy * row + x0 * 3, (x1 - x0) * 3);
        }
    }
}
