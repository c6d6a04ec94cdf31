package org.affect4j.training.config;

import org.affect4j.models.Precision;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented example parses with the paper's defaults, and the resolved JSON reads back to the same config. */
class ExperimentConfigsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreThePapersAndResolvedJsonRoundTrips() throws Exception {
        Path yaml = dir.resolve("exp.yaml");
        Files.writeString(yaml, "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [faceres, fbank]\n");
        ExperimentConfig c = ExperimentConfigs.load(yaml);
        assertEquals("transformer", c.model().type());
        assertEquals(128, c.model().segmentLength());
        assertEquals(1024, c.model().encoder().get("width"));
        assertEquals(4, c.model().encoder().get("layers"));
        assertEquals(4, c.model().encoder().get("heads"));
        assertEquals(1024, c.model().encoder().get("feedForward"));
        assertEquals(0.3f, c.model().dropout());
        assertEquals(List.of(512, 256), c.model().head());
        assertEquals(5.0, c.training().rdropAlpha());
        assertEquals(1e-4, c.training().learningRate());
        assertEquals(8, c.training().batchSize());
        assertEquals(25, c.training().epochs());
        assertEquals(1e-5, c.training().learningRateAt(20), 1e-12);
        assertEquals(dir.resolve("s").toString(), c.data().store());
        assertTrue(c.data().standardise(), "train-set standardisation is on by default");
        assertEquals("frame", c.training().loss(), "the paper's per-frame loss by default");
        Path json = dir.resolve("resolved.json");
        Files.writeString(json, ExperimentConfigs.toJson(c));
        assertEquals(ExperimentConfigs.toJson(c), ExperimentConfigs.toJson(ExperimentConfigs.load(json)));
    }

    /** A small config's first lines, before the section a test is about. */
    private static final String BASE = "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [fbank]\n";

    @Test
    void theCvEnsembleSectionIsAcceptedAndOtherUnknownKeysAreNot() throws Exception {
        assertEquals(List.of("fbank"), load("cv.yaml", BASE + "ensemble: {rule: mean, average: 3}\n").features());
        String e = refusal(BASE + "ensembel: {rule: mean}\n");
        assertTrue(e.contains("ensembel"), e);
    }

    @Test
    void thePerSegmentLossIsReadAndTypedValuesAreRefused() throws Exception {
        ExperimentConfig c = load("seg.yaml", BASE + "training: {loss: segment}\n");
        assertEquals("segment", c.training().loss());
        assertEquals("segment", load("seg.json", ExperimentConfigs.toJson(c)).training().loss(), "a run's config.json keeps it");
        String e = refusal(BASE + "training: {loss: segmnt}\n");
        assertTrue(e.contains("training.loss") && e.contains("frame, segment"), e);
    }

    @Test
    void thePrecisionIsFloat32ByDefaultBfloat16OnRequestAndNeverInt8() throws Exception {
        assertEquals(Precision.FLOAT32, load("d.yaml", BASE).training().precision());
        ExperimentConfig c = load("bf.yaml", BASE + "training: {precision: bfloat16}\n");
        assertEquals(Precision.BFLOAT16, c.training().precision());
        assertTrue(ExperimentConfigs.toJson(c).contains("\"precision\" : \"bfloat16\""), ExperimentConfigs.toJson(c));
        assertEquals(Precision.BFLOAT16, load("bf.json", ExperimentConfigs.toJson(c)).training().precision(),
                "a run's config.json keeps it");
        String e = refusal(BASE + "training: {precision: int8}\n");
        assertTrue(e.contains("training.precision") && e.contains("float32, bfloat16"), e);
        String lstm = refusal(BASE + "model: {type: lstm}\ntraining: {precision: bfloat16}\n");
        assertTrue(lstm.contains("'training.precision' must be float32 for an lstm"), lstm);
    }

    @Test
    void specAugmentMasksAreReadKeptInARunsConfigAndNegativeOnesRefused() throws Exception {
        ExperimentConfig c = load("masks.yaml", BASE + "training: {timeMasks: 2, timeMaskSteps: 10, columnMasks: 1, columnMaskWidth: 20}\n");
        assertEquals(List.of(2, 10, 1, 20), List.of(c.training().timeMasks(), c.training().timeMaskSteps(),
                c.training().columnMasks(), c.training().columnMaskWidth()));
        assertEquals(c.training(), load("masks.json", ExperimentConfigs.toJson(c)).training(), "a run's config.json keeps them");
        assertEquals(0, load("plain.yaml", BASE).training().timeMasks(), "off by default");
        String e = refusal(BASE + "training: {timeMasks: -1}\n");
        assertTrue(e.contains("training.timeMasks"), e);
    }

    /** Writes {@code text} as {@code name} in the test folder and reads it. */
    private ExperimentConfig load(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return ExperimentConfigs.load(file);
    }

    /** The message a config file of {@code text} is refused with. */
    private String refusal(String text) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> load("refused.yaml", text)).getMessage();
    }
}
