package org.affect4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature added as a plug-in ({@link MeanColourExtractor}: one class and one services line in the test resources,
 * no edit of existing code) is accepted by {@code extract}, written to the store beside a built-in one, and listed.
 * The same holds for face detectors ({@link CentreSquareDetector}, used by {@code extract --detector}) and ensemble
 * rules ({@code EnsembleCommandTest}).
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
}
