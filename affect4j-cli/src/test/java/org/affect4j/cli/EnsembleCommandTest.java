package org.affect4j.cli;

import org.affect4j.data.PredictionFiles;
import org.affect4j.data.PredictionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnsembleCommandTest {
    @TempDir
    Path tmp;

    private String dir(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void voteWithValidationF1TieBreak() {
        PredictionFiles.annotation(tmp.resolve("a"), "v", 1, 2);
        PredictionFiles.annotation(tmp.resolve("b"), "v", 3, 2);
        CommandRun r = CommandRun.of("ensemble", "--pred", dir("a"), "--pred", dir("b"), "--rule", "vote",
                "--val-f1", "0.38,0.41", "--out", dir("out"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("wrote 1 videos to " + dir("out")), r.toString());
        assertArrayEquals(new int[]{3, 2}, PredictionReader.read(tmp.resolve("out/v.txt")).labels());
    }

    @Test
    void weightedMeanOfProbabilities() {
        PredictionFiles.probabilities(tmp.resolve("a"), "v", new double[][]{{1, 0, 0, 0, 0, 0, 0, 0}});
        PredictionFiles.probabilities(tmp.resolve("b"), "v", new double[][]{{0, 1, 0, 0, 0, 0, 0, 0}});
        CommandRun r = CommandRun.of("ensemble", "--pred", dir("a"), "--pred", dir("b"), "--rule", "mean",
                "--weights", "1,3", "--out", dir("out"));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(0.75, PredictionReader.read(tmp.resolve("out/v.txt")).probability(0, 1), 1e-6);
    }

    /**
     * A rule added as a plug-in, with one class and one services line in the test resources and no edit anywhere
     * else: the command line finds it, and {@code affect4j list} shows it.
     */
    @Test
    void aPluggedInRuleIsUsedByNameAndListed() {
        PredictionFiles.annotation(tmp.resolve("a"), "v", 1, 2);
        PredictionFiles.annotation(tmp.resolve("b"), "v", 3, 3);
        CommandRun r = CommandRun.of("ensemble", "--pred", dir("a"), "--pred", dir("b"), "--rule", "first", "--out", dir("out"));
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(new int[]{1, 2}, PredictionReader.read(tmp.resolve("out/v.txt")).labels());
        CommandRun list = CommandRun.of("list");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("first                the first member's labels (a test plug-in)"), list.out());
        assertTrue(list.out().contains("lstm") && list.out().contains("blazeface-back"), list.out());
    }

    @Test
    void meanOfLabelsOnlyIsBadInput() {
        PredictionFiles.annotation(tmp.resolve("a"), "v", 1);
        PredictionFiles.annotation(tmp.resolve("b"), "v", 1);
        CommandRun r = CommandRun.of("ensemble", "--pred", dir("a"), "--pred", dir("b"), "--rule", "mean", "--out", dir("out"));
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("member 0 carries labels only"), r.toString());
    }

    @Test
    void missingVideoInOneMemberIsBadInput() {
        PredictionFiles.annotation(tmp.resolve("a"), "v", 1);
        PredictionFiles.annotation(tmp.resolve("b"), "w", 1);
        ScoreCommandTest.assertBadInput(CommandRun.of("ensemble", "--pred", dir("a"), "--pred", dir("b"), "--rule", "vote",
                "--out", dir("out")), tmp.resolve("b/v.txt") + ": missing");
    }

    @Test
    void inconsistentOptionsAreUsageErrors() {
        PredictionFiles.annotation(tmp.resolve("a"), "v", 1);
        assertUsage("at least two members", "ensemble", "--pred", dir("a"), "--rule", "vote", "--out", dir("out"));
        assertUsage("--weights has 1 values for 2 members", "ensemble", "--pred", dir("a"), "--pred", dir("a"), "--rule", "vote",
                "--weights", "1", "--out", dir("out"));
        assertUsage("--val-f1 has no meaning for --rule mean", "ensemble", "--pred", dir("a"), "--pred", dir("a"), "--rule", "mean",
                "--val-f1", "0.3,0.4", "--out", dir("out"));
        assertUsage("--val-f1 has 3 values for 2", "ensemble", "--pred", dir("a"), "--pred", dir("a"), "--rule", "vote",
                "--val-f1", "0.3,0.4,0.5", "--out", dir("out"));
        assertUsage("checkpoint averaging needs K >= 1 checkpoints, got 0", "ensemble", "--pred", dir("a"), "--run", dir("run") + "@average-0",
                "--rule", "vote", "--out", dir("out"));
        assertUsage("--average must be >= 0 (0 = off), got -3", "ensemble", "--pred", dir("a"), "--run", dir("run"), "--average", "-3",
                "--rule", "vote", "--out", dir("out"));
        assertUsage("--items and --average apply to --run members", "ensemble", "--pred", dir("a"), "--pred", dir("a"),
                "--average", "2", "--rule", "vote", "--out", dir("out"));
        assertUsage("unknown ensemble rule 'median' (known: ", "ensemble", "--pred", dir("a"), "--pred",
                dir("a"), "--rule", "median", "--out", dir("out"));
        assertUsage("unknown ensemble rule 'mea'; did you mean 'mean'?", "ensemble", "--pred", dir("a"), "--pred",
                dir("a"), "--rule", "mea", "--out", dir("out"));
    }

    private static void assertUsage(String message, String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
    }
}
