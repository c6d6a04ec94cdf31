package org.affect4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.data.FramePredictions;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.WindowStats;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LateFusionAudioTest {
    /** A 2-class head (Neutral, Anger) on the mean of one descriptor: Anger when the mean is positive. */
    private static LinearHead head(int width) {
        double[][] w = new double[2][width];
        w[1][0] = 4;
        return new LinearHead(new int[] {0, 1}, new float[width], filled(width), w, new double[2]);
    }

    private static float[] filled(int n) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, 1f);
        return f;
    }

    private static LateFusionModel model(String normalise, List<String> functionals, String span) {
        LateFusionModel.Audio a = new LateFusionModel.Audio(List.of("x"), "vad", 0.5, 0.2, normalise,
                head(functionals.size()), functionals, span, null);
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "t", Map.of(), null, a, 1, 1, 0, 0));
    }

    /** 10 rows/s: 1 s of silence, 1 s of speech with descriptor value 2, 1 s of silence. */
    private static Map<String, FeatureMatrix> input() {
        float[] x = new float[30], vad = new float[30];
        for (int i = 10; i < 20; i++) {
            x[i] = 2;
            vad[i] = 0.9f;
        }
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        m.put("x", FeatureMatrix.of(30, 1, x));
        m.put("vad", FeatureMatrix.of(30, 1, vad));
        return m;
    }

    @Test
    void spanSpeechPredictsSpeechRowsOnlyAndSpanWindowAlsoTheirNeighbours() {
        FramePredictions speech = model("none", List.of("mean"), "speech").predict(input(), 10);
        FramePredictions window = model("none", List.of("mean"), "window").predict(input(), 10);
        assertEquals(1, speech.label(15));
        assertEquals(-1, speech.label(9), "a silent row gets no label");
        assertEquals(1, window.label(9), "one row before speech, inside the 0.2 s half-window");
        assertEquals(1, window.label(21));
        assertEquals(-1, window.label(5), "far from speech: no voice reading, no label");
    }

    @Test
    void centringPerRecordingRemovesTheLevelTheHeadReadsFrom() {
        // the head reads the mean; after per-recording centring the speech mean is 0, so no longer Anger
        FramePredictions raw = model("none", List.of("mean"), "speech").predict(input(), 10);
        FramePredictions centred = model("centre", List.of("mean"), "speech").predict(input(), 10);
        assertNotEquals(raw.probability(15, 1), centred.probability(15, 1));
        assertEquals(0.5 / 1.0, centred.probability(15, 1) / (centred.probability(15, 0) + centred.probability(15, 1)), 1e-6);
    }

    @Test
    void filesWithoutTheNewKeysLoadAsMeanStdOnSpeechRows(@TempDir Path dir) throws Exception {
        LateFusionModel m = model("standardise", List.of("mean", "std"), "speech");
        Path f = dir.resolve("m.json");
        m.save(f);
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(f.toFile());
        ((ObjectNode) tree.get("audio")).remove(List.of("functionals", "span", "mlp"));
        LateFusionModel old = LateFusionModel.load(new ByteArrayInputStream(json.writeValueAsBytes(tree)), "old file");
        assertNull(old.spec().audio().functionals());
        assertEquals(WindowStats.MEAN_STD, old.spec().audio().functionalsOrDefault());
        assertEquals(m.predict(input(), 10).labels()[15], old.predict(input(), 10).labels()[15]);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> LateFusionModel.load(new ByteArrayInputStream(
                text.replace("\"span\" : \"speech\"", "\"span\" : \"everywhere\"").getBytes(StandardCharsets.UTF_8)), "bad"));
        assertThrows(IllegalArgumentException.class, () -> LateFusionModel.load(new ByteArrayInputStream(
                text.replace("\"normalise\" : \"standardise\"", "\"normalise\" : \"zscore\"").getBytes(StandardCharsets.UTF_8)), "bad"));
    }

    @Test
    void unknownKeysAreRejected() {
        String s = "{\"format\":\"" + LateFusionModel.FORMAT + "\",\"name\":\"x\",\"audio\":{\"features\":[\"x\"],"
                + "\"normalise\":\"none\",\"bogus\":1},\"visualWeight\":1,\"audioWeight\":1,\"smoothingSeconds\":0}";
        assertThrows(IllegalArgumentException.class, () -> LateFusionModel.load(
                new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), "bogus"));
    }
}
