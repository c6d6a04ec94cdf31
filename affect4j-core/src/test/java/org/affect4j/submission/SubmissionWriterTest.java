package org.affect4j.submission;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheChallengeFormat() throws Exception {
        Path f = SubmissionWriter.write(tmp, "v_left", FramePredictions.ofLabels(new int[]{0, 7}));
        assertEquals(List.of("image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other",
                "v_left/00001.jpg,0", "v_left/00002.jpg,7"), Files.readAllLines(f));
    }

    @Test
    void convertsADirectoryAndTheResultValidates() {
        Path pred = tmp.resolve("pred"), out = tmp.resolve("out");
        PredictionFiles.annotation(pred, "a", 1, 2, 3);
        PredictionFiles.probabilities(pred, "b", new double[][]{{0, 0, 0, 0, 1, 0, 0, 0}});
        PredictionFiles.annotation(pred, "extra", 1);
        ExpectedVideos expected = ExpectedVideos.of(Map.of("a", 3, "b", 1));
        SubmissionWriter.Result r = SubmissionWriter.writeAll(pred, out, expected);
        assertEquals(List.of("a", "b"), r.written());
        assertEquals(List.of("extra"), r.skipped());
        assertTrue(SubmissionValidator.validate(out, expected).ok());
        assertEquals(3, SubmissionWriter.writeAll(pred, tmp.resolve("all"), null).written().size());
    }

    @Test
    void refusesIncompletePredictions() {
        Path pred = tmp.resolve("pred"), out = tmp.resolve("out");
        PredictionFiles.annotation(pred, "a", 1, -1, 3);
        assertError(pred, out, null, pred.resolve("a.txt") + ":3: frame 2 has no label (-1)");
        assertError(pred, out, ExpectedVideos.of(Map.of("a", 4)), pred.resolve("a.txt") + ": 3 frames, but video a has 4 frames");
        assertError(pred, out, ExpectedVideos.of(Map.of("z", 4)), pred.resolve("z.txt") + ": missing");
        assertThrows(IllegalArgumentException.class, () -> SubmissionWriter.writeAll(pred, pred, null));
        assertThrows(IllegalArgumentException.class, () -> SubmissionWriter.write(out, "a", FramePredictions.ofLabels(new int[]{-1})));
    }

    private static void assertError(Path pred, Path out, ExpectedVideos expected, String prefix) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> SubmissionWriter.writeAll(pred, out, expected));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
