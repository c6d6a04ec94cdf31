package org.affect4j.predict.recipe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The recipe of the shipped default model, read from one JSON file (see {@code configs/default-model.json}).
 *
 * @param name             model name
 * @param visual           face branch, or null
 * @param audio            voice branch, or null
 * @param visualWeight     weight of the face branch in log-linear fusion
 * @param audioWeight      weight of the voice branch
 * @param smoothingSeconds box filter length over the fused probabilities
 * @param threads          extraction threads
 */
public record RecipeConfig(String name, Visual visual, Audio audio, double visualWeight, double audioWeight,
                           double smoothingSeconds, int threads) {
    /**
     * @param features face features concatenated (extracted from the FER2013 images as pre-aligned crops)
     * @param l2       L2 penalties tried; the one with the best FER2013 validation macro-F1 is refitted on train
     * @param balanced class-balanced example weights (for macro-F1)
     * @param mirror   also train on the left-right mirror image of every training face (expressions are nearly
     *                 symmetric; doubles the training set)
     */
    public record Visual(List<String> features, List<Double> l2, boolean balanced, boolean mirror) {
    }

    /**
     * @param features          audio descriptors concatenated
     * @param gate              voice activity feature name (null: all frames count)
     * @param gateThreshold     speech when the gate value is at least this
     * @param halfWindowSeconds half-width of the functionals window
     * @param normalise         per-recording normalisation over its own speech frames: none, level, centre or
     *                          standardise (see {@link org.affect4j.predict.model.LateFusionModel.Audio})
     * @param hopSeconds        spacing of training windows inside an utterance
     * @param trainActors       RAVDESS actors to train on, e.g. [1, 16] (inclusive range)
     * @param validationActors  actors held out of training to choose L2, inside the training range
     * @param testActors        held-out actors the reported figure is measured on; null or absent: no test (e.g. while
     *                          choosing settings on the validation actors, or for the final fit on all actors)
     * @param l2                L2 penalties tried
     * @param balanced          class-balanced example weights
     * @param functionals       window functionals (mean, std, delta, slope); absent: mean and std
     * @param span              rows the voice branch predicts: speech (absent) or window
     * @param augmentCopies     perturbed copies of every training recording (speed, gain, reverberation, band limits,
     *                          noise; {@link AudioAugmentation}), extracted like user files; 0 or absent: none
     * @param augmentSeed       seed of the perturbations
     * @param augmentSpeedGainOnly the copies only change speed and gain (no reverberation, band limits or noise)
     * @param perturbedValidationCopies perturbed copies (all steps, seed {@code augmentSeed}) of every validation
     *                          recording scored as well, as a robustness check (reported, not used to choose)
     * @param mlpHidden         hidden units of a second, MLP head averaged with the linear one (0 or absent: none);
     *                          kept only when it beats the linear head alone on the validation actors
     * @param mlpEpochs         most epochs tried; the count is chosen on the validation actors (every 5 epochs)
     * @param mlpDropout        hidden dropout of the MLP
     * @param mlpWeightDecay    decoupled weight decay of the MLP
     */
    public record Audio(List<String> features, String gate, double gateThreshold, double halfWindowSeconds,
                        String normalise, double hopSeconds, List<Integer> trainActors, List<Integer> validationActors,
                        List<Integer> testActors, List<Double> l2, boolean balanced, List<String> functionals,
                        String span, int augmentCopies, long augmentSeed, boolean augmentSpeedGainOnly, int perturbedValidationCopies, int mlpHidden, int mlpEpochs,
                        double mlpDropout, double mlpWeightDecay) {
        public Audio {
            if (mlpHidden < 0 || (mlpHidden > 0 && mlpEpochs < 1) || !(mlpDropout >= 0 && mlpDropout < 1) || mlpWeightDecay < 0) {
                throw new IllegalArgumentException("recipe keys 'audio.mlp*': need mlpHidden >= 0, mlpEpochs >= 1 with a"
                        + " hidden layer, mlpDropout in [0, 1), mlpWeightDecay >= 0");
            }
            if (perturbedValidationCopies < 0) throw new IllegalArgumentException("recipe key 'audio.perturbedValidationCopies' must be >= 0");
            if (augmentCopies < 0) throw new IllegalArgumentException("recipe key 'audio.augmentCopies' must be >= 0");
            if (functionals != null) org.affect4j.predict.model.WindowStats.checkFunctionals(functionals);
            if (span != null && !org.affect4j.predict.model.LateFusionModel.SPANS.contains(span)) {
                throw new IllegalArgumentException("recipe key 'audio.span' must be one of "
                        + org.affect4j.predict.model.LateFusionModel.SPANS + ", got '" + span + "'");
            }
        }
    }

    public RecipeConfig {
        if (visual == null && audio == null) throw new IllegalArgumentException("recipe '" + name + "' has neither a visual nor an audio branch");
        if (threads < 1) throw new IllegalArgumentException("recipe key 'threads' must be >= 1");
        if (smoothingSeconds < 0) throw new IllegalArgumentException("recipe key 'smoothingSeconds' must be >= 0");
    }

    /** Reads and validates a recipe file; unknown keys are errors naming the key. */
    public static RecipeConfig load(Path file) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), RecipeConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().split("\n")[0], e);
        }
    }
}
