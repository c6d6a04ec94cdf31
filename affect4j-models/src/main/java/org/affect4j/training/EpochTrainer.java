package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.MaskDropout;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.VideoRows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One epoch of training: shuffles (or lane-schedules) the segments, and per batch runs the network on the batch
 * stacked twice (two dropout masks, one forward call), computes the {@link RDropLoss} inside the gradient
 * collector, back-propagates and takes an {@link AdamOptimiser} step. Every step runs on its own sub-manager,
 * closed at the end of the step, so native memory stays flat.
 *
 * <p>Randomness per epoch comes from {@link #seedEpoch}: the dropout masks ({@link MaskDropout}, and the engine seed for
 * the attention's own dropout) and the data order and masking
 * are functions of the master seed and the epoch number only, so a resumed run repeats an uninterrupted one.
 */
final class EpochTrainer {
    private final ExpressionNet net;
    private final NDManager manager;
    private final ExperimentConfig.Optimisation opt;
    private final FeatureLayout layout;
    private final Masking masking;
    private final AdamOptimiser optimiser;
    private final RDropLoss loss;
    private final int engineSeed;
    private final long dataSeed;
    private final long maskSeed;

    EpochTrainer(ExpressionNet net, NDManager manager, ExperimentConfig config, FeatureLayout layout, AdamOptimiser optimiser) {
        this.net = net;
        this.manager = manager;
        this.opt = config.training();
        this.layout = layout;
        this.masking = Masking.of(opt, layout);
        this.optimiser = optimiser;
        this.loss = new RDropLoss((float) opt.rdropAlpha(), opt.classWeightArray(), (float) opt.labelSmoothing(),
                "segment".equals(opt.loss()));
        SplittableRandom master = new SplittableRandom(config.seed());
        master.nextInt(); // the first draw seeds weight initialisation (Training)
        this.engineSeed = master.nextInt();
        this.dataSeed = master.nextLong();
        this.maskSeed = master.nextLong();
    }

    /** Seeds the engine for epoch {@code epoch} (1-based) and returns the data generator of that epoch. */
    SplittableRandom seedEpoch(int epoch) {
        Engine.getInstance().setRandomSeed(engineSeed + epoch);
        MaskDropout.seed(maskSeed + epoch * 0x9E3779B97F4A7C15L); // the dropout masks, drawn on this thread
        return new SplittableRandom(dataSeed + epoch * 0x9E3779B97F4A7C15L);
    }

    /** The batches of one epoch, capped by {@code maxStepsPerEpoch}. */
    List<SegmentBatcher.Batch> plan(List<? extends VideoRows> train, SplittableRandom rng) {
        SegmentBatcher batcher = new SegmentBatcher(net.spec().segmentLength(), net.spec().stride(), opt.batchSize());
        List<SegmentBatcher.Batch> batches = net.encoder().carriesState() ? batcher.lanes(train, rng) : batcher.shuffled(train, rng);
        return opt.maxStepsPerEpoch() > 0 && batches.size() > opt.maxStepsPerEpoch()
                ? batches.subList(0, opt.maxStepsPerEpoch()) : batches;
    }

    /**
     * Trains one epoch.
     *
     * @return the mean loss over the epoch's steps
     * @throws IllegalStateException when the loss or the gradient becomes NaN or infinite
     */
    double train(int epoch, List<? extends VideoRows> train, TrainingListener listener) {
        SplittableRandom rng = seedEpoch(epoch);
        List<SegmentBatcher.Batch> batches = plan(train, rng);
        int copies = loss.twoPasses() ? 2 : 1;
        float lr = (float) opt.learningRateAt(epoch - 1);
        int dim = layout.total();
        double sum = 0;
        try (NetRunner runner = new NetRunner(net, manager)) {
            for (int s = 0; s < batches.size(); s++) {
                SegmentBatcher.Batch batch = batches.get(s);
                BatchInputs in = BatchInputs.of(batch, train, net.spec().segmentLength(), dim, masking, rng);
                float value;
                try (NDManager step = manager.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = runner.forward(step, in, copies, batch.reset(), true);
                        NDArray labels = in.labels(step);
                        NDArray l = copies == 2
                                ? loss.compute(logits.get(new NDIndex("0:{}", in.rows)), logits.get(new NDIndex("{}:", in.rows)), labels)
                                : loss.compute(logits, null, labels);
                        value = l.getFloat();
                        checkFinite(value, "loss", epoch, s + 1, lr);
                        gc.backward(l);
                    }
                    double norm = optimiser.step(lr, (float) opt.clipNorm());
                    if (!Double.isFinite(norm)) { // nothing was updated: the gradients say where it broke
                        checkFinite(norm, "gradient norm (" + nonFiniteGradients(net) + ")", epoch, s + 1, lr);
                    }
                }
                sum += value;
                listener.onStep(epoch, s + 1, batches.size(), sum / (s + 1));
            }
        }
        return batches.isEmpty() ? Double.NaN : sum / batches.size();
    }

    /**
     * Which parameters' gradients are not finite (NaN, infinite, or too large for a float32 norm), for the message of
     * a diverged run: how many, and the one nearest the loss in the network's order, where the backward pass first
     * produced them (the parameters before it inherit them).
     */
    static String nonFiniteGradients(ExpressionNet net) {
        List<String> bad = new ArrayList<>();
        String kind = "";
        int total = 0;
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (!p.getValue().requiresGradient()) continue;
            total++;
            NDArray g = p.getValue().getArray().getGradient();
            if (!Float.isFinite(g.norm().getFloat())) {
                bad.add(p.getKey());
                kind = g.isNaN().any().getBoolean() ? "NaN" : g.isInfinite().any().getBoolean() ? "infinite" : "overflowing";
            }
        }
        if (bad.isEmpty()) return "every gradient finite";
        return bad.size() + " of " + total + " parameters' gradients not finite, nearest the loss " + bad.get(bad.size() - 1)
                + " (" + kind + ")";
    }

    private static void checkFinite(double v, String what, int epoch, int step, float lr) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("training diverged: the " + what + " became " + v + " at epoch " + epoch
                    + ", step " + step + " (learning rate " + lr + "); lower training.learningRate, set"
                    + " training.clipNorm, or check the features for extreme values");
        }
    }
}
