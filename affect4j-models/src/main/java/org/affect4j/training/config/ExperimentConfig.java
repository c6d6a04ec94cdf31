package org.affect4j.training.config;

import org.affect4j.models.ModelSpec;
import org.affect4j.models.Precision;

import java.util.List;

/**
 * One experiment, as read from its YAML or JSON file by {@link ExperimentConfigs} and validated once. Immutable.
 * Paths are absolute (relative ones are resolved against the config file's folder).
 *
 * @param name     free-form run name
 * @param seed     master seed; every random component is derived from it
 * @param data     where features and labels come from
 * @param features store feature names concatenated per frame, in this order
 * @param model    the network
 * @param training the optimisation
 */
public record ExperimentConfig(String name, long seed, Data data, List<String> features, ModelSpec model,
                               Optimisation training) {
    public ExperimentConfig {
        features = List.copyOf(features);
    }

    /** Default master seed. */
    public static final long DEFAULT_SEED = 42;

    /**
     * Data section.
     *
     * @param store       feature store root ({@link org.affect4j.store.FeatureStore})
     * @param train       training items: a CSV with columns {@code name,label} (one label for every frame of the
     *                    store video {@code name}) or a folder of Aff-Wild2 annotation files ({@link org.affect4j.training.data.LabelledItems})
     * @param validation  validation items, same format
     * @param nearestFill give frames without a valid row the nearest valid frame's features (METHOD §2)
     * @param standardise standardise every input dimension with the training items' mean and deviation
     *                    ({@link org.affect4j.training.data.FeatureStandardiser}; true by default)
     */
    public record Data(String store, String train, String validation, boolean nearestFill, boolean standardise) {
    }

    /**
     * Training section; defaults are the paper's (METHOD §4).
     *
     * @param epochs                 passes over the training segments (25)
     * @param batchSize              segments per step (8)
     * @param learningRate           Adam step size (1e-4)
     * @param weightDecay            L2 added to the gradient, as torch's Adam (1e-5)
     * @param lrStepEpochs           multiply the rate by {@code lrGamma} every this many epochs (20; 0 = never)
     * @param lrGamma                the step-decay factor (0.1)
     * @param clipNorm               global gradient-norm limit (5; 0 = no clipping)
     * @param rdropAlpha             R-Drop KL weight (5; 0 = plain cross-entropy, one pass)
     * @param labelSmoothing         label smoothing (0)
     * @param classWeights           8 per-class loss weights, or empty for none
     * @param featureMaskProbability chance, per segment and per feature, of zeroing that feature (0)
     * @param maxStepsPerEpoch       cap on steps per epoch, for smoke tests (0 = no cap)
     * @param keepCheckpoints        also keep the checkpoints of the newest this many epochs, for checkpoint
     *                               averaging (0 = only the best and the last)
     * @param loss                   what the cross-entropy is taken over ({@link #LOSSES}): {@code frame}, every
     *                               labelled frame (the paper's); {@code segment}, each segment's logits averaged
     *                               over its labelled frames against the mean of their labels (one utterance a
     *                               segment, as a per-recording label wants; frames are still predicted one by one)
     * @param timeMasks              SpecAugment's time masks: spans zeroed per segment (0)
     * @param timeMaskSteps          longest time mask, in steps (a span's length is drawn from 0 to this)
     * @param columnMasks            SpecAugment's frequency masks over the fused row: column bands zeroed per
     *                               segment (0)
     * @param columnMaskWidth        widest column band (a band's width is drawn from 0 to this)
     * @param precision              the matrix products' arithmetic: {@code float32} (default) or {@code bfloat16}
     *                               (bfloat16 inputs, float32 sums, on the CPU's AMX units;
     *                               {@link org.affect4j.models.TorchMatmul})
     */
    public record Optimisation(int epochs, int batchSize, double learningRate, double weightDecay, int lrStepEpochs,
                               double lrGamma, double clipNorm, double rdropAlpha, double labelSmoothing,
                               List<Double> classWeights, double featureMaskProbability, int maxStepsPerEpoch,
                               int keepCheckpoints, String loss, int timeMasks, int timeMaskSteps, int columnMasks,
                               int columnMaskWidth, Precision precision) {
        /** The values of {@code loss}. */
        public static final List<String> LOSSES = List.of("frame", "segment");
        /** The loss when none is said: the paper's, per frame. */
        public static final String DEFAULT_LOSS = "frame";

        public Optimisation {
            classWeights = List.copyOf(classWeights);
            if (!LOSSES.contains(loss)) throw new IllegalArgumentException("loss must be one of " + LOSSES + ", got '" + loss + "'");
            if (timeMasks < 0 || timeMaskSteps < 0 || columnMasks < 0 || columnMaskWidth < 0) {
                throw new IllegalArgumentException("mask counts and sizes must be >= 0");
            }
            if (precision == Precision.INT8) {
                throw new IllegalArgumentException("training runs in float32 or bfloat16, not int8");
            }
        }

        /** Without SpecAugment masks. */
        public Optimisation(int epochs, int batchSize, double learningRate, double weightDecay, int lrStepEpochs,
                            double lrGamma, double clipNorm, double rdropAlpha, double labelSmoothing,
                            List<Double> classWeights, double featureMaskProbability, int maxStepsPerEpoch,
                            int keepCheckpoints, String loss) {
            this(epochs, batchSize, learningRate, weightDecay, lrStepEpochs, lrGamma, clipNorm, rdropAlpha,
                    labelSmoothing, classWeights, featureMaskProbability, maxStepsPerEpoch, keepCheckpoints, loss,
                    0, 0, 0, 0, Precision.FLOAT32);
        }

        /** The paper's per-frame loss. */
        public Optimisation(int epochs, int batchSize, double learningRate, double weightDecay, int lrStepEpochs,
                            double lrGamma, double clipNorm, double rdropAlpha, double labelSmoothing,
                            List<Double> classWeights, double featureMaskProbability, int maxStepsPerEpoch,
                            int keepCheckpoints) {
            this(epochs, batchSize, learningRate, weightDecay, lrStepEpochs, lrGamma, clipNorm, rdropAlpha,
                    labelSmoothing, classWeights, featureMaskProbability, maxStepsPerEpoch, keepCheckpoints, DEFAULT_LOSS);
        }

        /** Without extra kept checkpoints. */
        public Optimisation(int epochs, int batchSize, double learningRate, double weightDecay, int lrStepEpochs,
                            double lrGamma, double clipNorm, double rdropAlpha, double labelSmoothing,
                            List<Double> classWeights, double featureMaskProbability, int maxStepsPerEpoch) {
            this(epochs, batchSize, learningRate, weightDecay, lrStepEpochs, lrGamma, clipNorm, rdropAlpha,
                    labelSmoothing, classWeights, featureMaskProbability, maxStepsPerEpoch, 0);
        }

        /** Class weights as an array, or null when none are set. */
        public float[] classWeightArray() {
            if (classWeights.isEmpty()) return null;
            float[] w = new float[classWeights.size()];
            for (int i = 0; i < w.length; i++) w[i] = classWeights.get(i).floatValue();
            return w;
        }

        /** The learning rate of a (0-based) epoch under step decay. */
        public double learningRateAt(int epoch) {
            return lrStepEpochs <= 0 ? learningRate : learningRate * Math.pow(lrGamma, epoch / lrStepEpochs);
        }
    }
}
