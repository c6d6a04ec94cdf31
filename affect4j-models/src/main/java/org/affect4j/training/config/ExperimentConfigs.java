package org.affect4j.training.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.affect4j.data.ExprClass;
import org.affect4j.models.ModelSpec;
import org.affect4j.models.Precision;
import org.affect4j.models.TemporalModelFactory;
import org.affect4j.models.TemporalModels;
import org.affect4j.util.ConfigReader;
import org.affect4j.util.Locations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, validates and writes experiment files. Example (YAML; the same keys in JSON):
 * <pre>
 * name: ravdess-lstm
 * seed: 42
 * data:
 *   store: store/ravdess          # a FeatureStore root
 *   train: train.csv              # name,label (one label for every frame of the store video 'name')
 *   validation: test.csv
 *   nearestFill: true
 *   standardise: true             # per-dimension mean/std of the training items (normalisation.json)
 * features: [fbank]               # concatenated per frame, in this order
 * model:
 *   type: lstm                    # or transformer, or any registered TemporalModelFactory
 *   segmentLength: 128
 *   fusionDim: 512                # 0 = no fusion projection
 *   dropout: 0.3
 *   head: [512, 256]
 *   encoder: {hidden: 512, layers: 1}
 * training:
 *   epochs: 25
 *   batchSize: 8
 *   learningRate: 1.0e-4
 *   weightDecay: 1.0e-5
 *   lrStepEpochs: 20
 *   lrGamma: 0.1
 *   clipNorm: 5.0
 *   rdropAlpha: 5.0
 *   labelSmoothing: 0.0
 *   classWeights: [1, 10.5, 16.4, 19.8, 1.85, 2.23, 5.63, 1.06]
 *   featureMaskProbability: 0.0
 *   keepCheckpoints: 0            # also keep the newest N epoch checkpoints (for checkpoint averaging)
 *   loss: frame                   # or segment: each segment's mean logits against its labels' mean (one utterance each)
 *   timeMasks: 0                  # SpecAugment: spans of up to timeMaskSteps steps zeroed per segment
 *   timeMaskSteps: 0
 *   columnMasks: 0                # SpecAugment over the fused row: bands of up to columnMaskWidth columns zeroed
 *   columnMaskWidth: 0
 *   precision: float32            # or bfloat16: matrix products on the CPU's AMX units (approximate)
 * ensemble: {rule: vote, average: 0}   # read by cv and ablate only; train accepts and ignores it
 * </pre>
 * Every key is checked once; errors ({@link IllegalArgumentException}) name the file and the full key
 * ({@code training.epochs}), unknown keys included. Files ending in {@code .json} are read as JSON, all others as
 * YAML.
 */
public final class ExperimentConfigs {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExperimentConfigs() {
    }

    /** Reads and validates a config file. */
    public static ExperimentConfig load(Path file) {
        boolean json = file.toString().endsWith(".json");
        JsonNode root = ConfigReader.tree(file, json ? JSON : YAML, json ? "JSON" : "YAML");
        return parse(root, file.toAbsolutePath().getParent(), file.toString());
    }

    /** Validates a parsed tree; relative paths resolve against {@code baseDir}; {@code source} names it in errors. */
    public static ExperimentConfig parse(JsonNode rootNode, Path baseDir, String source) {
        ConfigReader root = new ConfigReader(rootNode, "", source);
        String name = root.string("name", "experiment");
        long seed = root.longValue("seed", ExperimentConfig.DEFAULT_SEED);

        ConfigReader d = root.child("data");
        ExperimentConfig.Data data = new ExperimentConfig.Data(
                resolve(baseDir, d.string("store", null)), resolve(baseDir, d.string("train", null)),
                resolve(baseDir, d.string("validation", null)), d.bool("nearestFill", true),
                d.bool("standardise", true));
        d.finish();

        List<String> features = root.strings("features");
        if (features.stream().distinct().count() != features.size()) {
            throw root.error("features", "a list without repeats", rootNode.get("features"));
        }
        ModelSpec model = model(root.child("model"));
        ExperimentConfig.Optimisation training = training(root.child("training"));
        if (training.precision() == Precision.BFLOAT16 && model.type().equals("lstm")) {
            // an LSTM's time is in its recurrent kernel, which the bfloat16 matrix-product setting does not reach
            throw new IllegalArgumentException(source + ": key 'training.precision' must be float32 for an lstm"
                    + " (bfloat16 is for Transformer encoders), got \"bfloat16\"");
        }
        // cv and ablate read this section (rule, checkpoint averaging); one file serves train, cv and ablate
        root.ignore("ensemble");
        root.finish();
        return new ExperimentConfig(name, seed, data, features, model, training);
    }

    private static ModelSpec model(ConfigReader m) {
        String type = m.string("type", "transformer");
        TemporalModelFactory factory;
        try {
            factory = TemporalModels.factory(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(m.error("type", "one of " + TemporalModels.types(), null).getMessage()
                    + ", got '" + type + "'", e);
        }
        int segmentLength = m.integer("segmentLength", 128, 1);
        int fusionDim = m.integer("fusionDim", 512, 0);
        double dropout = m.number("dropout", 0.3, 0, 0.95);
        List<Integer> head = m.integers("head", List.of(512, 256), 1);
        ConfigReader e = m.child("encoder");
        Map<String, Object> encoder = new LinkedHashMap<>();
        for (Map.Entry<String, Object> def : new java.util.TreeMap<>(factory.defaults()).entrySet()) {
            Object v = def.getValue();
            if (v instanceof Integer i) {
                encoder.put(def.getKey(), e.integer(def.getKey(), i, i == 0 ? 0 : 1));
            } else if (v instanceof Boolean b) {
                encoder.put(def.getKey(), e.bool(def.getKey(), b));
            } else {
                encoder.put(def.getKey(), e.number(def.getKey(), ((Number) v).doubleValue(), 0, Double.MAX_VALUE));
            }
        }
        e.finish();
        m.finish();
        ModelSpec spec = new ModelSpec(type, segmentLength, fusionDim, (float) dropout, head, encoder);
        // let the factory check cross-parameter rules (e.g. heads dividing width) now, not mid-run
        factory.create(fusionDim > 0 ? fusionDim : 1, spec.dropout(), encoder);
        return spec;
    }

    private static ExperimentConfig.Optimisation training(ConfigReader t) {
        ExperimentConfig.Optimisation o = new ExperimentConfig.Optimisation(
                t.integer("epochs", 25, 1), t.integer("batchSize", 8, 1),
                t.number("learningRate", 1e-4, 1e-12, 10), t.number("weightDecay", 1e-5, 0, 1),
                t.integer("lrStepEpochs", 20, 0), t.number("lrGamma", 0.1, 1e-6, 1),
                t.number("clipNorm", 5.0, 0, 1e9), t.number("rdropAlpha", 5.0, 0, 1e4),
                t.number("labelSmoothing", 0.0, 0, 0.99), t.numbers("classWeights", ExprClass.COUNT, 0),
                t.number("featureMaskProbability", 0.0, 0, 1), t.integer("maxStepsPerEpoch", 0, 0),
                t.integer("keepCheckpoints", 0, 0), t.oneOf("loss", ExperimentConfig.Optimisation.DEFAULT_LOSS,
                        ExperimentConfig.Optimisation.LOSSES),
                t.integer("timeMasks", 0, 0), t.integer("timeMaskSteps", 0, 0),
                t.integer("columnMasks", 0, 0), t.integer("columnMaskWidth", 0, 0),
                Precision.of(t.oneOf("precision", Precision.FLOAT32.id(), List.of(Precision.FLOAT32.id(), Precision.BFLOAT16.id()))));
        t.finish();
        return o;
    }

    private static String resolve(Path base, String p) {
        // a URI (hdfs://, s3a://) is a store on another file system, for the jobs that copy it (affect4j-spark)
        if (Locations.isUri(p)) return p;
        Path path = Path.of(p);
        return (path.isAbsolute() || base == null ? path : base.resolve(path)).normalize().toString();
    }

    /** The same experiment reading its features from another store (a local copy of a remote one). */
    public static ExperimentConfig withStore(ExperimentConfig c, String store) {
        ExperimentConfig.Data d = c.data();
        return new ExperimentConfig(c.name(), c.seed(), new ExperimentConfig.Data(store, d.train(), d.validation(),
                d.nearestFill(), d.standardise()), c.features(), c.model(), c.training());
    }

    /** The resolved config as JSON (what a run directory keeps as {@code config.json}). */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise config: " + e.getMessage(), e);
        }
    }

    /** Shared JSON mapper (indenting), for run files. */
    public static ObjectMapper json() {
        return JSON;
    }
}
