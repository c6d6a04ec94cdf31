package org.affect4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.PredictionFiles;
import org.affect4j.eval.NaiveMacroF1;
import org.affect4j.eval.RandomScoringCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreCommandTest {
    @TempDir
    Path tmp;

    private String gold() {
        return tmp.resolve("gold").toString();
    }

    private String pred() {
        return tmp.resolve("pred").toString();
    }

    @Test
    void jsonAgreesWithAnIndependentMacroF1OnRandomCorpora() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 10; trial++) {
            Path g = tmp.resolve(trial + "/gold"), p = tmp.resolve(trial + "/pred");
            NaiveMacroF1 expected = RandomScoringCase.write(rnd, g, p);
            CommandRun r = CommandRun.of("score", "--gold", g.toString(), "--pred", p.toString(), "--json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals(expected.macroF1(), j.get("macro_f1").asDouble(), 1e-9);
            assertEquals(expected.accuracy(), j.get("accuracy").asDouble(), 1e-9);
            assertEquals(expected.gold().size(), j.get("frames").asLong());
            assertEquals(expected.f1(4), j.get("per_class_f1").get("Happiness").asDouble(), 1e-9);
            assertEquals(expected.confusion()[2][5], j.get("confusion").get(2).get(5).asLong());
        }
    }

    @Test
    void tableByDefaultAndANoteForUnscoredPredictions() {
        PredictionFiles.annotation(tmp.resolve("gold"), "v", 0, 4, -1);
        PredictionFiles.submission(tmp.resolve("pred"), "v", 0, 4, 4);
        PredictionFiles.submission(tmp.resolve("pred"), "test_only", 1);
        CommandRun r = CommandRun.of("score", "--gold", gold(), "--pred", pred());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("macro-F1  0.2500"), r.toString());
        assertTrue(r.out().contains("confusion matrix (rows gold, columns predicted)"), r.toString());
        assertEquals("affect4j: note: 1 prediction files have no gold file and were not scored: test_only", r.err().strip());
    }

    @Test
    void missingPredictionFileIsBadInput() {
        PredictionFiles.annotation(tmp.resolve("gold"), "v", 0);
        PredictionFiles.annotation(tmp.resolve("pred"), "w", 0);
        assertBadInput(CommandRun.of("score", "--gold", gold(), "--pred", pred()),
                tmp.resolve("pred/v.txt") + ": missing: no prediction for gold video v");
    }

    @Test
    void rowCountMismatchIsBadInput() {
        PredictionFiles.annotation(tmp.resolve("gold"), "v", 0, 1, 2);
        PredictionFiles.annotation(tmp.resolve("pred"), "v", 0, 1);
        assertBadInput(CommandRun.of("score", "--gold", gold(), "--pred", pred(), "--json"),
                tmp.resolve("pred/v.txt") + ":3: 2 prediction rows, but the gold file");
    }

    @Test
    void labelOutOfRangeAndWrongHeaderAreBadInput() {
        PredictionFiles.annotation(tmp.resolve("gold"), "v", 0, 1);
        PredictionFiles.submission(tmp.resolve("pred"), "v", 0, 8);
        assertBadInput(CommandRun.of("score", "--gold", gold(), "--pred", pred()),
                tmp.resolve("pred/v.txt") + ":3: label 8 is outside 0..7");
        PredictionFiles.write(tmp.resolve("pred"), "v", "Neutral,Anger,Disgust", "0", "1");
        assertBadInput(CommandRun.of("score", "--gold", gold(), "--pred", pred()),
                tmp.resolve("pred/v.txt") + ":1: unknown header 'Neutral,Anger,Disgust'");
    }

    @Test
    void missingOptionIsAUsageError() {
        CommandRun r = CommandRun.of("score", "--gold", gold());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("Missing required option: '--pred=DIR'"), r.toString());
    }

    /** Exit 3, nothing on stdout, and exactly one error line on stderr that starts with the location. */
    static void assertBadInput(CommandRun r, String messageStart) {
        assertEquals(3, r.exit(), r.toString());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.toString());
        assertTrue(lines[0].startsWith("affect4j: error: " + messageStart), r.toString());
    }
}
