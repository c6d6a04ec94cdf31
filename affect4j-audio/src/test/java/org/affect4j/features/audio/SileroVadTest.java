package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Silero VAD through the generic ONNX extractor: needs the npm package, skips without it. */
class SileroVadTest {
    private static SileroVad vad;

    @BeforeAll
    static void open() {
        Path p = Locations.models().resolve(SileroVad.PACKAGE.replace('/', '+'));
        assumeTrue(Files.isRegularFile(p.resolve(".complete")),
                "Silero VAD package " + SileroVad.PACKAGE + " not installed in " + Locations.models() + "; skipping");
        vad = new SileroVad();
    }

    @AfterAll
    static void close() {
        if (vad != null) vad.close();
    }

    @Test
    void shapeAndTiming() {
        assertEquals("vad", vad.id());
        assertEquals(1, vad.dimension());
        assertEquals(31.25, vad.rate(), 0);
        FeatureMatrix m = vad.extract(new float[16_000]);
        assertEquals(32, m.rows(), "ceil(16000 / 512) windows");
        assertEquals(0.016, vad.firstRowSeconds(), 1e-12);
        assertTrue(vad.provenance().get("model.sha256").matches("[0-9a-f]{64}"));
    }

    @Test
    void silenceIsNotSpeechAndSpeechIs() {
        FeatureMatrix silent = vad.extract(new float[16_000]);
        for (int r = 0; r < silent.rows(); r++) assertTrue(silent.get(r, 0) < 0.1, "silence row " + r);
        float[] x = TestAudio.ravdess("03-01-05-02-01-01-17.flac");
        FeatureMatrix m = vad.extract(x);
        double max = 0;
        for (int r = 0; r < m.rows(); r++) max = Math.max(max, m.get(r, 0));
        assertTrue(max > 0.9, "an angry utterance has confident speech windows, max " + max);
        assertTrue(m.get(0, 0) < 0.5, "RAVDESS clips start with silence");
        boolean[] gate = SileroVad.speechRows(m, AudioFrames.count(x.length), SileroVad.DEFAULT_THRESHOLD);
        int speech = 0;
        for (boolean b : gate) if (b) speech++;
        assertTrue(speech > 50 && speech < gate.length, "speech rows " + speech + " of " + gate.length);
    }

    /**
     * The rebuilt graph (several windows a call) against the package's file run as it is, a window a call, through
     * the generic extractor: the same probabilities within float rounding on real speech, silence and a long clip of
     * both, hence the same speech windows.
     */
    @Test
    void rebuiltGraphGivesTheFilesProbabilities() {
        assertEquals("rebuilt from the model, " + SileroVad.WINDOWS_PER_CALL + " windows a call", vad.provenance().get("graph"));
        float[] a = TestAudio.ravdess("03-01-05-02-01-01-17.flac"), b = TestAudio.ravdess("03-01-03-01-02-01-01.flac");
        float[] both = new float[a.length + 16_000 + b.length]; // speech, a second of silence, speech: state carried across
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length + 16_000, b.length);
        Path file = Locations.modelPackage(SileroVad.PACKAGE).resolve(SileroVad.MODEL);
        try (OnnxAudioExtractor asIs = new OnnxAudioExtractor(SileroVad.config(file, 1))) {
            assertEquals(null, asIs.provenance().get("graph"));
            for (float[] x : java.util.List.of(a, both, new float[3000])) {
                FeatureMatrix want = asIs.extract(x), got = vad.extract(x);
                assertEquals(want.rows(), got.rows());
                double worst = 0;
                for (int r = 0; r < want.rows(); r++) {
                    worst = Math.max(worst, Math.abs(want.get(r, 0) - got.get(r, 0)));
                    assertEquals(want.get(r, 0) >= SileroVad.DEFAULT_THRESHOLD, got.get(r, 0) >= SileroVad.DEFAULT_THRESHOLD, "row " + r);
                    assertEquals(want.isValid(r), got.isValid(r));
                }
                assertTrue(worst < 1e-5, "largest difference " + worst);
            }
        }
    }

    /** The rebuild is made once and cached; a file that is not Silero's export is left to run as it is. */
    @Test
    void rebuildIsCachedAndOnlyForSilerosExport(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = Locations.modelPackage(SileroVad.PACKAGE).resolve(SileroVad.MODEL);
        Path a = SileroGraph.cached(file).orElseThrow(), b = SileroGraph.cached(file).orElseThrow();
        assertEquals(a, b);
        assertTrue(a.startsWith(org.affect4j.onnx.ConversionCache.dir()) && Files.size(a) > 1_000_000, a.toString());
        org.affect4j.onnx.OnnxGraphBuilder g = new org.affect4j.onnx.OnnxGraphBuilder("other");
        g.input("input", new long[] {1, 576});
        g.node("Identity", java.util.List.of("input"), "output").add();
        g.output("output", new long[] {1, 576});
        Path other = Files.write(dir.resolve("other.onnx"), g.toBytes("test", "1"));
        assertTrue(SileroGraph.cached(other).isEmpty());
        assertTrue(SileroGraph.cached(file.resolveSibling("silero_vad_legacy.onnx")).isEmpty(), "Silero v4: not this export");
    }

    /** A model cache that cannot be written (a shared, read-only install) costs the rebuild's speed, not the feature. */
    @Test
    void readOnlyModelCacheRunsTheFileAsItIs(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = Locations.modelPackage(SileroVad.PACKAGE).resolve(SileroVad.MODEL);
        Path readOnly = Files.createDirectory(dir.resolve("models"));
        Files.writeString(readOnly.resolve("converted"), "a file where the cache's folder would be"); // unwritable even as root
        String before = System.getProperty("affect4j.models");
        System.setProperty("affect4j.models", readOnly.toString());
        try (SileroVad asIs = new SileroVad(file, 1)) {
            assertEquals(null, asIs.provenance().get("graph"));
            FeatureMatrix m = asIs.extract(TestAudio.ravdess("03-01-05-02-01-01-17.flac"));
            assertEquals(vad.extract(TestAudio.ravdess("03-01-05-02-01-01-17.flac")).get(60, 0), m.get(60, 0), 1e-5);
        } finally {
            if (before == null) System.clearProperty("affect4j.models");
            else System.setProperty("affect4j.models", before);
        }
    }

    /** Pieces of any size (a decoder's, a few hundred samples) give exactly the rows of the whole signal at once. */
    @Test
    void streamedPiecesGiveTheWholeSignalsRows() {
        float[] x = TestAudio.ravdess("03-01-05-02-01-01-17.flac");
        FeatureMatrix whole = vad.extract(x);
        java.util.List<Float> rows = new java.util.ArrayList<>();
        try (StreamingExtractor.Stream s = vad.open()) {
            java.util.Random rnd = new java.util.Random(7);
            for (int at = 0; at < x.length; ) {
                int n = Math.min(x.length - at, 1 + rnd.nextInt(2000));
                FeatureMatrix m = s.push(java.util.Arrays.copyOfRange(x, at, at + n));
                assertEquals(0, m.rows() % SileroVad.WINDOWS_PER_CALL, "rows come a call's worth at a time");
                for (int r = 0; r < m.rows(); r++) rows.add(m.get(r, 0));
                at += n;
            }
            FeatureMatrix m = s.finish();
            for (int r = 0; r < m.rows(); r++) rows.add(m.get(r, 0));
        }
        assertEquals(whole.rows(), rows.size());
        for (int r = 0; r < whole.rows(); r++) assertEquals(whole.get(r, 0), rows.get(r), 0, "row " + r);
    }

    @Test
    void stateIsResetPerCall() {
        float[] x = TestAudio.vowel(150, 1.0, 3);
        FeatureMatrix a = vad.extract(x);
        vad.extract(TestAudio.sine(300, 0.5, 0.7));
        FeatureMatrix b = vad.extract(x);
        assertEquals(a.get(a.rows() - 1, 0), b.get(b.rows() - 1, 0), 0);
    }

    @Test
    void badInput() {
        assertEquals(0, vad.extract(new float[0]).rows());
        FeatureMatrix shortClip = vad.extract(new float[1600]);
        assertEquals(4, shortClip.rows(), "0.1 s: 4 windows, the last zero-padded");
        float[] x = new float[2048];
        x[600] = Float.POSITIVE_INFINITY;
        FeatureMatrix m = vad.extract(x);
        assertFalse(m.isValid(1));
        assertTrue(m.isValid(0) && m.isValid(2));
        assertTrue(TestAudio.allFinite(m.data()));
    }

    @Test
    void genericConfigFromJson(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("silero.json");
        Files.writeString(cfg, """
                {"id": "silero", "model": "package:%s:%s", "sampleRate": 16000, "window": 512, "hop": 256,
                 "context": 64, "input": "input", "output": "output",
                 "state": {"input": "state", "output": "stateN", "shape": [2, 1, 128]},
                 "constants": {"sr": {"type": "int64", "shape": [1], "values": [16000]}}}
                """.formatted(SileroVad.PACKAGE, SileroVad.MODEL));
        try (var e = AudioExtractors.create("onnx-audio:" + cfg)) {
            assertEquals("silero", e.id());
            assertEquals(62.5, e.rate(), 0);
            assertEquals(1, e.dimension());
            assertEquals(7, e.extract(new float[2048]).rows(), "(2048 - 512) / 256 + 1");
        }
        Files.writeString(cfg, """
                {"id": "x", "model": "package:%s:%s", "window": 512, "input": "audio", "output": "output"}
                """.formatted(SileroVad.PACKAGE, SileroVad.MODEL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioExtractors.create("onnx-audio:" + cfg));
        assertTrue(e.getMessage().contains("no input 'audio'"), e.getMessage());
        Files.writeString(cfg, "{\"id\": \"x\", \"model\": \"missing.onnx\", \"input\": \"a\", \"output\": \"b\", \"window\": 5}");
        e = assertThrows(IllegalArgumentException.class, () -> AudioExtractors.create("onnx-audio:" + cfg));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
