package org.affect4j.predict.recipe;

import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.WeightPrecision;
import org.affect4j.util.ConfigReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The recipe of the shipped default model, read from one JSON file (see {@code configs/default-model.json}) by
 * {@link #load}, which says which keys are required and what an absent one takes.
 *
 * @param name             model name (absent: {@code default})
 * @param visual           face branch, or null
 * @param audio            voice branch, or null
 * @param visualWeight     weight of the face branch in log-linear fusion (required)
 * @param audioWeight      weight of the voice branch (required)
 * @param smoothingSeconds box filter length over the fused probabilities (absent: 0, none)
 * @param threads          extraction threads (required)
 * @param data             where the development corpora lie under the data folder; absent: as the data README
 *                         fetches them ({@link Data#DEFAULT})
 * @param weightPrecision  how the model file stores the weight matrices: {@code float32} (absent) or {@code int8}
 *                         ({@link WeightPrecision}; rounded before the branches are measured)
 */
public record RecipeConfig(String name, Visual visual, Audio audio, double visualWeight, double audioWeight,
                           double smoothingSeconds, int threads, Data data, String weightPrecision) {
    /**
     * The development corpora's layout under the data folder.
     *
     * @param faces  the face branch's pictures; absent: {@link Faces#DEFAULT}
     * @param voices the voice branch's recordings; absent: {@link Voices#DEFAULT}
     */
    public record Data(Faces faces, Voices voices) {
        /** FER2013 and RAVDESS as the data README fetches them. */
        public static final Data DEFAULT = new Data(null, null);

        public Data {
            if (faces == null) faces = Faces.DEFAULT;
            if (voices == null) voices = Voices.DEFAULT;
        }
    }

    /**
     * A picture corpus: a folder per split, in it a folder per class named as the ABAW classes ({@code Anger},
     * {@code Neutral}, ...), in it the pictures. Absent keys take FER2013's layout.
     *
     * @param folder     the corpus folder under the data folder ({@code fer2013}); its name starts the work store's
     *                   entries, so two corpora never share cached features
     * @param train      the training split's folder ({@code train})
     * @param validation the validation split's folder ({@code val})
     * @param test       the test split's folder ({@code test})
     */
    public record Faces(String folder, String train, String validation, String test) {
        /** FER2013's layout. */
        public static final Faces DEFAULT = new Faces(null, null, null, null);

        public Faces {
            folder = orDefault("data.faces.folder", folder, "fer2013");
            train = orDefault("data.faces.train", train, "train");
            validation = orDefault("data.faces.validation", validation, "val");
            test = orDefault("data.faces.test", test, "test");
        }
    }

    /**
     * A recording corpus: a folder with the recordings and a CSV list (a header line, then one line per recording)
     * naming each recording's file, speaker and class index (0..7, the ABAW order). Absent keys take RAVDESS's layout.
     *
     * @param folder      the corpus folder under the data folder ({@code ravdess}); its name starts the work store's
     *                    entries
     * @param labels      the CSV list, in the folder ({@code labels.csv})
     * @param fileColumn  the column of the recording's file name, relative to the folder ({@code file})
     * @param actorColumn the column of the speaker's number, which the actor ranges select ({@code actor})
     * @param labelColumn the column of the class index ({@code label_index})
     */
    public record Voices(String folder, String labels, String fileColumn, String actorColumn, String labelColumn) {
        /** RAVDESS's layout. */
        public static final Voices DEFAULT = new Voices(null, null, null, null, null);

        public Voices {
            folder = orDefault("data.voices.folder", folder, "ravdess");
            labels = orDefault("data.voices.labels", labels, "labels.csv");
            fileColumn = orDefault("data.voices.fileColumn", fileColumn, "file");
            actorColumn = orDefault("data.voices.actorColumn", actorColumn, "actor");
            labelColumn = orDefault("data.voices.labelColumn", labelColumn, "label_index");
        }
    }

    private static String orDefault(String key, String value, String dflt) {
        if (value == null) return dflt;
        if (value.isBlank()) throw new IllegalArgumentException("recipe key '" + key + "' must not be empty");
        return value;
    }

    /**
     * @param features      face features concatenated, computed as {@code predict} computes them for a picture
     *                      (face detected, aligned, embedded)
     * @param augmentations random variants of every training picture ({@link FaceAugmentation}), beside the
     *                      picture and its mirror image
     * @param augmentation  the variants' ranges (absent keys: {@link FaceAugmentation#DEFAULT}'s)
     * @param l2            softmax-regression candidates: L2 penalties tried
     * @param mlp           perceptron candidates, or null for none
     * @param refit         refit the candidate chosen on FER2013 val on train + val before measuring on test
     * @param otherBudget   the Other rule may call at most this share of known-expression pictures Other
     * @param mirrorStills  the model averages a still picture's reading with its mirror image's
     *                      ({@link LateFusionModel.Visual#mirrorStills()}); validation and test are scored so
     * @param stillMinScore a picture without a face at the detector's own score is searched again down to this score,
     *                      in training, validation and test as in the model's {@code predict}
     *                      ({@link LateFusionModel.Visual#stillMinScore()}; 0: not searched again)
     */
    public record Visual(List<String> features, int augmentations, FaceAugmentation augmentation, List<Double> l2,
                         Mlp mlp, boolean refit, double otherBudget, boolean mirrorStills, double stillMinScore) {
    }

    /**
     * Perceptron candidates ({@link org.affect4j.linear.MlpTrainer}); the epoch is chosen on validation.
     *
     * @param hidden       hidden-layer sizes tried
     * @param epochs       most epochs
     * @param learningRate AdamW step
     * @param weightDecay  decoupled weight decay
     * @param dropout      hidden dropout
     * @param batch        examples per step
     * @param members      perceptrons trained from different seeds (42, 43, ...) and averaged
     *                     ({@link org.affect4j.predict.model.MeanHead}); the epoch is chosen for their mean;
     *                     absent: 1, a single perceptron
     */
    public record Mlp(List<Integer> hidden, int epochs, double learningRate, double weightDecay, double dropout,
                      int batch, int members) {
    }

    /**
     * @param features          audio descriptors concatenated
     * @param gate              voice activity feature name (null: all frames count)
     * @param gateThreshold     speech when the gate value is at least this (absent: 0.5)
     * @param halfWindowSeconds half-width of the functionals window (required)
     * @param normalise         per-recording normalisation over its own speech frames: none (absent), level, centre or
     *                          standardise (see {@link LateFusionModel.Audio})
     * @param hopSeconds        spacing of training windows inside an utterance (required)
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
     * @param shipAllActors     after the figure on the test actors is measured, refit the shipped head with the chosen
     *                          L2 on the training and test actors together (the figure stays that of the held-out run)
     * @param encoder           train a temporal network on the descriptor rows instead of the functionals' softmax
     *                          regression (null or absent: the regression)
     */
    public record Audio(List<String> features, String gate, double gateThreshold, double halfWindowSeconds,
                        String normalise, double hopSeconds, List<Integer> trainActors, List<Integer> validationActors,
                        List<Integer> testActors, List<Double> l2, boolean balanced, List<String> functionals,
                        String span, int augmentCopies, long augmentSeed, boolean augmentSpeedGainOnly,
                        int perturbedValidationCopies, boolean shipAllActors, Encoder encoder) {
    }

    /**
     * The voice branch as a temporal network, trained by the research trainer ({@code affect4j train}) with the
     * experiment file's own {@code model} and {@code training} sections (same keys, same checks): first on the
     * training actors without the validation actors, the epoch with the best validation macro-F1 chosen; then for that
     * many epochs on all training actors (the figure on the test actors); then, with {@code shipAllActors}, on every
     * actor (what ships). Its steps are the descriptor rows at {@code stepRate} per second.
     *
     * @param stepRate steps per second (25: a 25 frames/s video's rows as they are)
     * @param seed     training seed (absent: 42, an experiment file's default)
     * @param model    the experiment file's {@code model} section (a {@code transformer} with a fusion layer and no
     *                 hidden head layers: what the model file can hold)
     * @param training the experiment file's {@code training} section ({@code epochs}: the most the first run tries)
     * @param members  networks trained from seeds {@code seed, seed+1, ...} for the figure and for shipping, their
     *                 probabilities averaged (the epoch count is chosen with the first); absent: 1
     */
    public record Encoder(double stepRate, long seed, com.fasterxml.jackson.databind.JsonNode model,
                          com.fasterxml.jackson.databind.JsonNode training, int members) {
        public Encoder {
            // checked now, by the experiment file's own reader, not after the features are extracted
            com.fasterxml.jackson.databind.node.ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            root.putArray("features").add("voice");
            root.putObject("data").put("store", "s").put("train", "t").put("validation", "v"); // the recipe writes these
            root.set("model", model);
            root.set("training", training);
            org.affect4j.models.ModelSpec spec = org.affect4j.training.config.ExperimentConfigs.parse(root, Path.of("."),
                    "recipe key 'audio.encoder'").model();
            if (!"transformer".equals(spec.type()) || spec.fusionDim() <= 0 || !spec.head().isEmpty()) {
                throw new IllegalArgumentException("recipe key 'audio.encoder.model' must be a transformer with fusionDim > 0"
                        + " and head [] (what a model file holds), got type " + spec.type() + ", fusionDim "
                        + spec.fusionDim() + ", head " + spec.head());
            }
        }
    }

    public RecipeConfig {
        if (data == null) data = Data.DEFAULT;
    }

    /** The precision of the model file's weight matrices. */
    public WeightPrecision precision() {
        return WeightPrecision.of(weightPrecision);
    }

    /**
     * Reads and validates a recipe file through the one strict reader of config files ({@link ConfigReader}): every
     * error names the file and the full key, an unknown key gets the nearest known one, and a number is never
     * rounded into an integer key.
     */
    public static RecipeConfig load(Path file) {
        ConfigReader r = ConfigReader.of(file);
        String name = r.string("name", "default");
        String precision = r.oneOf("weightPrecision", WeightPrecision.FLOAT32.key(),
                java.util.Arrays.stream(WeightPrecision.values()).map(WeightPrecision::key).toList());
        Visual visual = r.optional("visual", RecipeConfig::visual);
        Audio audio = r.optional("audio", RecipeConfig::audio);
        double visualWeight = r.number("visualWeight", 0, Double.MAX_VALUE);
        double audioWeight = r.number("audioWeight", 0, Double.MAX_VALUE);
        double smoothing = r.number("smoothingSeconds", 0, 0, Double.MAX_VALUE);
        int threads = r.integer("threads", 1);
        Data data = data(r.child("data"));
        r.finish();
        if (visual == null && audio == null) {
            throw new IllegalArgumentException(file + ": recipe '" + name + "' has neither a 'visual' nor an 'audio' branch");
        }
        return new RecipeConfig(name, visual, audio, visualWeight, audioWeight, smoothing, threads, data, precision);
    }

    private static Visual visual(ConfigReader v) {
        List<String> features = v.strings("features");
        int augmentations = v.integer("augmentations", 0, 0);
        FaceAugmentation augmentation = augmentation(v.child("augmentation"));
        List<Double> l2 = v.numbers("l2", 0);
        Mlp mlp = v.optional("mlp", RecipeConfig::mlp);
        if (l2.isEmpty() && mlp == null) throw v.missing("l2", "a list of L2 penalties, or an 'mlp' section: the face branch needs candidates");
        boolean refit = v.bool("refit", false);
        double otherBudget = belowOne(v, "otherBudget");
        boolean mirrorStills = v.bool("mirrorStills", false);
        double stillMinScore = belowOne(v, "stillMinScore");
        v.finish();
        return new Visual(features, augmentations, augmentation, l2, mlp, refit, otherBudget, mirrorStills, stillMinScore);
    }

    /** A share in [0, 1), 0 when absent. */
    private static double belowOne(ConfigReader r, String k) {
        double x = r.number(k, 0, 0, 1);
        if (x == 1) throw r.error(k, "a number in [0, 1)", r.raw(k));
        return x;
    }

    /** Absent keys take {@link FaceAugmentation#DEFAULT}'s values. */
    private static FaceAugmentation augmentation(ConfigReader a) {
        FaceAugmentation d = FaceAugmentation.DEFAULT;
        FaceAugmentation out = new FaceAugmentation(a.number("maxRotationDegrees", d.maxRotationDegrees(), 0, 180),
                a.number("maxScale", d.maxScale(), 0, 0.9), a.number("maxShift", d.maxShift(), 0, 1),
                a.number("blurProbability", d.blurProbability(), 0, 1), a.number("maxGain", d.maxGain(), 0, 1),
                a.number("maxZoomIn", d.maxZoomIn(), 0, 10));
        a.finish();
        return out;
    }

    private static Mlp mlp(ConfigReader m) {
        Mlp out = new Mlp(m.integers("hidden", null, 1), m.integer("epochs", 1), m.number("learningRate", Double.MIN_VALUE, 1),
                m.number("weightDecay", 0, 0, 1), m.number("dropout", 0, 0, 0.95), m.integer("batch", 1),
                m.integer("members", 1, 1));
        if (out.hidden() == null) throw m.missing("hidden", "a list of hidden-layer sizes");
        m.finish();
        return out;
    }

    private static Audio audio(ConfigReader a) {
        List<String> features = a.strings("features");
        String gate = a.optionalString("gate");
        double gateThreshold = a.number("gateThreshold", 0.5, 0, 1);
        double halfWindow = a.number("halfWindowSeconds", Double.MIN_VALUE, Double.MAX_VALUE);
        String normalise = a.oneOf("normalise", "none", LateFusionModel.NORMALISATIONS);
        double hop = a.number("hopSeconds", Double.MIN_VALUE, Double.MAX_VALUE);
        List<Integer> train = actors(a, "trainActors", true), validation = actors(a, "validationActors", true);
        List<Integer> test = actors(a, "testActors", false);
        List<Double> l2 = a.numbers("l2", 0);
        boolean balanced = a.bool("balanced", false);
        List<String> functionals = a.has("functionals") ? a.strings("functionals") : null;
        a.ignore("functionals");
        if (functionals != null) {
            try {
                org.affect4j.predict.model.WindowStats.checkFunctionals(functionals);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(a.error("functionals", "known functionals", a.raw("functionals"))
                        .getMessage() + ": " + e.getMessage(), e);
            }
        }
        String span = a.oneOf("span", null, LateFusionModel.SPANS);
        int augmentCopies = a.integer("augmentCopies", 0, 0);
        long augmentSeed = a.longValue("augmentSeed", 0);
        boolean speedGainOnly = a.bool("augmentSpeedGainOnly", false);
        int perturbedValidation = a.integer("perturbedValidationCopies", 0, 0);
        boolean shipAll = a.bool("shipAllActors", false);
        Encoder encoder = a.optional("encoder", RecipeConfig::encoder);
        a.finish();
        return new Audio(features, gate, gateThreshold, halfWindow, normalise, hop, train, validation, test, l2, balanced,
                functionals, span, augmentCopies, augmentSeed, speedGainOnly, perturbedValidation, shipAll, encoder);
    }

    /** An inclusive range of actor numbers {@code [first, last]}; null when absent and not required. */
    private static List<Integer> actors(ConfigReader a, String k, boolean required) {
        List<Integer> v = a.integers(k, null, 1);
        if (v == null && !required) return null;
        if (v == null || v.size() != 2 || v.get(0) > v.get(1)) {
            throw a.error(k, "a range of actor numbers [first, last]", a.raw(k));
        }
        return v;
    }

    private static Encoder encoder(ConfigReader e) {
        double stepRate = e.number("stepRate", Double.MIN_VALUE, Double.MAX_VALUE);
        long seed = e.longValue("seed", org.affect4j.training.config.ExperimentConfig.DEFAULT_SEED);
        com.fasterxml.jackson.databind.JsonNode model = e.raw("model"), training = e.raw("training");
        if (model == null || training == null) throw e.missing(model == null ? "model" : "training", "a section");
        int members = e.integer("members", 1, 1);
        e.finish();
        return new Encoder(stepRate, seed, model, training, members);
    }

    private static Data data(ConfigReader d) {
        ConfigReader f = d.child("faces"), v = d.child("voices");
        Faces faces = new Faces(f.optionalString("folder"), f.optionalString("train"), f.optionalString("validation"),
                f.optionalString("test"));
        Voices voices = new Voices(v.optionalString("folder"), v.optionalString("labels"), v.optionalString("fileColumn"),
                v.optionalString("actorColumn"), v.optionalString("labelColumn"));
        f.finish();
        v.finish();
        d.finish();
        return new Data(faces, voices);
    }
}
