package org.affect4j.training;

import org.affect4j.inference.RunPredictor;
import org.affect4j.runs.Checkpoints;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input gives one IllegalArgumentException with a clear message and writes nothing. */
class BadInputTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        SyntheticStore.write(dir, 8, 4);
    }

    private static void rejected(Path cfg, String... fragments) {
        Path run = dir.resolve("run-" + cfg.getFileName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Training.run(cfg, run, TrainingListener.NONE));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        assertFalse(Files.exists(run), "nothing may be written for bad input");
    }

    private static Path config(String name, String json) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private static String base(String features, String train, String training) {
        return "{\"data\": {\"store\": \"store\", \"train\": \"" + train + "\", \"validation\": \"val.csv\"},"
                + " \"features\": " + features + ", \"model\": {\"type\": \"lstm\", \"segmentLength\": 8,"
                + " \"fusionDim\": 8, \"head\": [8], \"encoder\": {\"hidden\": 8}},"
                + " \"training\": {\"epochs\": 1" + training + "}}";
    }

    @Test
    void featureNotInTheStore() throws Exception {
        rejected(config("nofeature.json", base("[\"a\", \"wav2vec2\"]", "train.csv", "")), "wav2vec2", "not in the store", "it has: a, b");
    }

    @Test
    void mismatchedDimensionsAndFrameCounts() throws Exception {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        store.putDescriptor(new FeatureDescriptor("c", 5, 0, "synthetic", "1", Map.of()));
        store.putDescriptor(new FeatureDescriptor("short", 2, 0, "synthetic", "1", Map.of()));
        for (int v = 0; v < 12; v++) {
            int rows = store.get("a", "vid" + v).rows();
            store.put("c", "vid" + v, FeatureMatrix.of(rows, 5, new float[rows * 5]));
            store.put("short", "vid" + v, FeatureMatrix.of(rows - 1, 2, new float[(rows - 1) * 2]));
        }
        // the descriptor now disagrees with the stored matrices
        store.putDescriptor(new FeatureDescriptor("c", 4, 0, "synthetic", "1", Map.of()));
        rejected(config("dims.json", base("[\"a\", \"c\"]", "train.csv", "")), "feature 'c'", "5 values per frame", "declared with 4");
        rejected(config("frames.json", base("[\"a\", \"short\"]", "train.csv", "")), "disagree on the frame count");
    }

    @Test
    void emptyTrainingSetAndSingleClass() throws Exception {
        Files.writeString(dir.resolve("empty.csv"), "name,label\n");
        rejected(config("empty.json", base("[\"a\"]", "empty.csv", "")), "training set", "is empty");
        Files.writeString(dir.resolve("one.csv"), "name,label\nvid0,0\nvid4,0\n");
        rejected(config("one.json", base("[\"a\"]", "one.csv", "")), "only one class");
        Files.writeString(dir.resolve("ghost.csv"), "name,label\nvid0,0\nnosuchvideo,1\n");
        rejected(config("ghost.json", base("[\"a\"]", "ghost.csv", "")), "nosuchvideo");
    }

    @Test
    void badConfigKeysAndValuesAreNamed() throws Exception {
        rejected(config("typo.json", base("[\"a\"]", "train.csv", ", \"lerningRate\": 0.1")), "unknown key 'training.lerningRate'");
        rejected(config("neg.json", base("[\"a\"]", "train.csv", ", \"batchSize\": 0")), "training.batchSize", ">= 1");
        rejected(config("weights.json", base("[\"a\"]", "train.csv", ", \"classWeights\": [1, 2]")), "training.classWeights", "8 numbers");
        rejected(config("type.yaml", "data: {store: store, train: train.csv, validation: val.csv}\nfeatures: [a]\nmodel: {type: tcn}\n"),
                "model.type", "lstm", "tcn");
        rejected(config("heads.yaml", "data: {store: store, train: train.csv, validation: val.csv}\nfeatures: [a]\n"
                + "model: {type: transformer, encoder: {width: 30, heads: 4}}\n"), "model.encoder.width");
        rejected(config("broken.yaml", "data: [unclosed\n"), "not valid YAML");
    }

    @Test
    void corruptCheckpointIsReportedAsSuch() throws Exception {
        Path cfg = config("ok.json", base("[\"a\", \"b\"]", "train.csv", ", \"maxStepsPerEpoch\": 1"));
        Path run = dir.resolve("ok-run");
        Training.run(cfg, run, TrainingListener.NONE);
        Path best = new Checkpoints(run).folder(Checkpoints.Tag.BEST).orElseThrow();
        byte[] params = Files.readAllBytes(best.resolve("model.params"));
        params[params.length / 2] ^= 0x55;
        Files.write(best.resolve("model.params"), params);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunPredictor.load(run));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        Files.writeString(best.resolve("checkpoint.json"), "{ truncated");
        e = assertThrows(IllegalArgumentException.class, () -> RunPredictor.load(run));
        assertTrue(e.getMessage().contains("corrupt or incomplete"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunPredictor.load(dir.resolve("store")));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
    }
}
