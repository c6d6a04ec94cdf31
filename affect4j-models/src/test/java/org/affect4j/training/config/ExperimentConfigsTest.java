package org.affect4j.training.config;

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

    @Test
    void theCvEnsembleSectionIsAcceptedAndOtherUnknownKeysAreNot() throws Exception {
        Path yaml = dir.resolve("cv.yaml");
        String base = "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [fbank]\n";
        Files.writeString(yaml, base + "ensemble: {rule: mean, average: 3}\n");
        assertEquals(List.of("fbank"), ExperimentConfigs.load(yaml).features());
        Files.writeString(yaml, base + "ensembel: {rule: mean}\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfigs.load(yaml));
        assertTrue(e.getMessage().contains("ensembel"), e.getMessage());
    }

    @Test
    void thePerSegmentLossIsReadAndTypedValuesAreRefused() throws Exception {
        Path yaml = dir.resolve("seg.yaml");
        String base = "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [fbank]\n";
        Files.writeString(yaml, base + "training: {loss: segment}\n");
        ExperimentConfig c = ExperimentConfigs.load(yaml);
        assertEquals("segment", c.training().loss());
        Path json = dir.resolve("seg.json");
        Files.writeString(json, ExperimentConfigs.toJson(c));
        assertEquals("segment", ExperimentConfigs.load(json).training().loss(), "a run's config.json keeps it");
        Files.writeString(yaml, base + "training: {loss: segmnt}\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfigs.load(yaml));
        assertTrue(e.getMessage().contains("training.loss") && e.getMessage().contains("frame, segment"), e.getMessage());
    }

    @Test
    void specAugmentMasksAreReadKeptInARunsConfigAndNegativeOnesRefused() throws Exception {
        Path yaml = dir.resolve("masks.yaml");
        String base = "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [fbank]\n";
        Files.writeString(yaml, base + "training: {timeMasks: 2, timeMaskSteps: 10, columnMasks: 1, columnMaskWidth: 20}\n");
        ExperimentConfig c = ExperimentConfigs.load(yaml);
        assertEquals(List.of(2, 10, 1, 20), List.of(c.training().timeMasks(), c.training().timeMaskSteps(),
                c.training().columnMasks(), c.training().columnMaskWidth()));
        Path json = dir.resolve("masks.json");
        Files.writeString(json, ExperimentConfigs.toJson(c));
        assertEquals(c.training(), ExperimentConfigs.load(json).training(), "a run's config.json keeps them");
        assertEquals(0, ExperimentConfigs.load(dir.resolve(write("plain.yaml", base))).training().timeMasks(), "off by default");
        Files.writeString(yaml, base + "training: {timeMasks: -1}\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfigs.load(yaml));
        assertTrue(e.getMessage().contains("training.timeMasks"), e.getMessage());
    }

    private String write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
        return name;
    }
}
