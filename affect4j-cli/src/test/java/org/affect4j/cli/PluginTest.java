package org.affect4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.Locations;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature added as a plug-in ({@link MeanColourExtractor}: one class and one services line in the test resources,
 * no edit of existing code) is accepted by {@code extract}, written to the store beside a built-in one, and listed.
 * The same holds for face detectors ({@link CentreSquareDetector}, used by {@code extract --detector}) and ensemble
 * rules ({@code EnsembleCommandTest}). A temporal model added the same way ({@link FrameMlpModel}) trains from a config
 * on the plugged-in feature through {@code train}, and its run evaluates.
 */
class PluginTest {
    @Test
    void aPluggedInFeatureIsExtractedByNameAndListed(@TempDir Path tmp) {
        Path clip = Path.of(System.getProperty("affect4j.root", "..")).resolve(PredictCommand.EXAMPLE);
        assumeTrue(Files.isRegularFile(clip), "example clip not found at " + clip);
        Path store = tmp.resolve("store");
        CommandRun r = CommandRun.of("extract", "--input", clip.toString(), "--store", store.toString(),
                "--features", "mean-colour,fbank");
        assertEquals(0, r.exit(), r.toString());
        FeatureMatrix m = new FeatureStore(store).get("mean-colour", "1001_DFA_HAP_XX");
        assertEquals(3, m.dim());
        assertTrue(m.isValid(0) && m.get(0, 0) > 20 && m.get(0, 0) < 250, "a face crop's mean red: " + m.get(0, 0));
        assertTrue(new FeatureStore(store).has("fbank", "1001_DFA_HAP_XX"));
        CommandRun list = CommandRun.of("list");
        assertTrue(list.out().contains("mean-colour          3: mean R, G, B of the face crop (a test plug-in)"), list.out());
    }

    @Test
    void aPluggedInFaceDetectorIsUsedByNameRecordedAndListed(@TempDir Path tmp) {
        Path clip = Path.of(System.getProperty("affect4j.root", "..")).resolve(PredictCommand.EXAMPLE);
        assumeTrue(Files.isRegularFile(clip), "example clip not found at " + clip);
        Path store = tmp.resolve("store");
        int before = CentreSquareDetector.SEARCHED.get();
        CommandRun r = CommandRun.of("extract", "--input", clip.toString(), "--store", store.toString(),
                "--features", "mean-colour", "--detector", "centre-square");
        assertEquals(0, r.exit(), r.toString());
        FeatureStore s = new FeatureStore(store);
        FeatureMatrix m = s.get("mean-colour", "1001_DFA_HAP_XX");
        assertTrue(CentreSquareDetector.SEARCHED.get() - before >= m.rows(), "the plug-in searched every frame");
        assertTrue(m.isValid(m.rows() - 1), "every frame has the plug-in's face");
        assertEquals("centre-square", s.requireDescriptor("mean-colour").provenance().get("detector"));
        assertEquals("centre-square", s.manifest("mean-colour", "1001_DFA_HAP_XX").orElseThrow().detector());
        CommandRun list = CommandRun.of("list");
        assertTrue(list.out().contains("centre-square        the centre square of the frame as the face (a test plug-in)"), list.out());

        CommandRun typo = CommandRun.of("extract", "--input", clip.toString(), "--store", tmp.resolve("never").toString(),
                "--features", "mean-colour", "--detector", "centre-squar");
        assertEquals(2, typo.exit(), typo.toString());
        assertTrue(typo.err().startsWith("affect4j: error: unknown face detector 'centre-squar'; did you mean 'centre-square'?"),
                typo.toString());
        assertFalse(Files.exists(tmp.resolve("never")), "nothing created");
    }

    @Test
    void aPluggedInTemporalModelTrainsOnAPluggedInFeatureFromAConfig(@TempDir Path tmp) throws Exception {
        Path crema = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        assumeTrue(crema != null && Files.isRegularFile(crema.resolve("labels.csv")), "CREMA-D clips not found");
        AbawCorpus corpus = AbawCorpus.build(crema, tmp.resolve("corpus"), 1);
        Path store = tmp.resolve("store");
        CommandRun extract = CommandRun.of("extract", "--corpus", tmp.resolve("corpus/annotations").toString(),
                "--videos", corpus.videos().toString(), "--store", store.toString(), "--features", "mean-colour,fbank");
        assertEquals(0, extract.exit(), extract.toString());
        Path config = Files.writeString(tmp.resolve("frame-mlp.json"), """
                {
                  "name": "plugged", "seed": 3,
                  "data": {"store": "%s", "train": "%s", "validation": "%s"},
                  "features": ["mean-colour", "fbank"],
                  "model": {"type": "frame-mlp", "segmentLength": 16, "fusionDim": 8, "dropout": 0.1, "head": [8],
                            "encoder": {"hidden": 12}},
                  "training": {"epochs": 2, "batchSize": 4, "learningRate": 0.003}
                }
                """.formatted(store, corpus.trainSet(), corpus.valSet()));
        Path run = tmp.resolve("run");
        CommandRun train = CommandRun.of("train", "--config", config.toString(), "--out", run.toString());
        assertEquals(0, train.exit(), train.toString());
        assertTrue(train.out().contains("best epoch"), train.toString());
        String recorded = Files.readString(run.resolve("config.json"));
        assertTrue(recorded.contains("frame-mlp") && recorded.contains("mean-colour"), recorded);
        CommandRun evaluate = CommandRun.of("evaluate", "--run", run.toString(), "--json");
        assertEquals(0, evaluate.exit(), evaluate.toString());
        assertTrue(evaluate.out().contains("macro_f1"), evaluate.toString());

        CommandRun typo = CommandRun.of("train", "--config", Files.writeString(tmp.resolve("typo.json"),
                Files.readString(config).replace("\"hidden\": 12", "\"hiden\": 12")).toString(), "--out", tmp.resolve("never").toString());
        assertEquals(3, typo.exit(), "a bad config file is bad input: " + typo);
        assertTrue(typo.err().contains("unknown key 'model.encoder.hiden'; did you mean 'hidden'?"), typo.toString());
        assertTrue(CommandRun.of("list").out().contains("frame-mlp"), "listed");
    }
}
