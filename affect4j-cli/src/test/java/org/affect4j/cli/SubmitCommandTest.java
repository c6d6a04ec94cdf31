package org.affect4j.cli;

import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmitCommandTest {
    @TempDir
    Path tmp;

    private String path(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void writeThenValidateAgainstAFrameList() throws Exception {
        PredictionFiles.annotation(tmp.resolve("pred"), "a_left", 1, 2);
        PredictionFiles.probabilities(tmp.resolve("pred"), "b", new double[][]{{0, 0, 0, 0, 0, 0, 1, 0}});
        PredictionFiles.annotation(tmp.resolve("pred"), "not_in_test", 1);
        PredictionFiles.write(tmp, "list", "name,frames", "a_left,2", "b,1");
        CommandRun w = CommandRun.of("submit", "--pred", path("pred"), "--out", path("sub"), "--frames", path("list.txt"));
        assertEquals(0, w.exit(), w.toString());
        assertEquals("wrote 2 submission files to " + path("sub"), w.out().strip());
        assertTrue(w.err().contains("1 prediction files are not among the expected videos"), w.toString());
        assertEquals("b/00001.jpg,6", Files.readAllLines(tmp.resolve("sub/b.txt")).get(1));

        CommandRun v = CommandRun.of("submit", "--validate", path("sub"), "--frames", path("list.txt"));
        assertEquals(0, v.exit(), v.toString());
        assertTrue(v.out().startsWith("submission " + path("sub") + " is valid: 2 videos"), v.toString());
    }

    @Test
    void validationListsEveryProblemAndExits3() {
        PredictionFiles.annotation(tmp.resolve("gold"), "a", 0, 1, 2);
        PredictionFiles.annotation(tmp.resolve("gold"), "b", 0);
        PredictionFiles.write(tmp.resolve("sub"), "a", "image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other",
                "a/00001.jpg,9", "a/00002.jpg,1");
        CommandRun r = CommandRun.of("submit", "--validate", path("sub"), "--gold", path("gold"));
        assertEquals(3, r.exit(), r.toString());
        String[] problems = r.out().strip().split("\\R");
        assertEquals(3, problems.length, r.toString());
        assertEquals(tmp.resolve("sub/a.txt") + ":2: label 9 is outside 0..7", problems[0]);
        assertEquals(tmp.resolve("sub/a.txt") + ": missing 1 of 3 frames: 3", problems[1]);
        assertEquals(tmp.resolve("sub/b.txt") + ": missing: no submission file for video b (1 frames expected)", problems[2]);
        assertEquals("affect4j: error: " + path("sub") + ": invalid submission: 3 problems (listed on stdout)", r.err().strip());
    }

    @Test
    void writingRefusesFramesWithoutLabel() {
        PredictionFiles.annotation(tmp.resolve("pred"), "a", 1, -1);
        ScoreCommandTest.assertBadInput(CommandRun.of("submit", "--pred", path("pred"), "--out", path("sub")),
                tmp.resolve("pred/a.txt") + ":3: frame 2 has no label (-1)");
    }

    @Test
    void modesAndTheirOptionsAreChecked() {
        assertUsage("give --pred DIR and --out DIR", "submit", "--pred", path("pred"));
        assertUsage("--validate needs the expected videos", "submit", "--validate", path("sub"));
        assertUsage("takes no --pred or --out", "submit", "--validate", path("sub"), "--out", path("x"), "--gold", path("g"));
        assertUsage("either --frames or --gold", "submit", "--validate", path("sub"), "--frames", path("l"), "--gold", path("g"));
    }

    private static void assertUsage(String message, String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
    }
}
