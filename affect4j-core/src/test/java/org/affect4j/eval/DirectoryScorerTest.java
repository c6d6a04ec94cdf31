package org.affect4j.eval;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryScorerTest {
    @TempDir
    Path tmp;

    private Path gold() {
        return tmp.resolve("gold");
    }

    private Path pred() {
        return tmp.resolve("pred");
    }

    @Test
    void scoresLeftRightFilesInAnyPredictionFormat() throws Exception {
        PredictionFiles.annotation(gold(), "v_left", 0, 0, -1);
        PredictionFiles.annotation(gold(), "v_right", 1, 2);
        PredictionFiles.submission(pred(), "v_left", 0, 1, 4);
        PredictionFiles.probabilities(pred(), "v_right", new double[][]{{0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0, 0, 0}});
        PredictionFiles.annotation(pred(), "unscored", 3);
        DirectoryScorer scorer = new DirectoryScorer(gold(), pred());
        Evaluation e = scorer.score();
        assertEquals(Evaluator.evaluate(new int[]{0, 0, 1, 2}, new int[]{0, 1, 1, 2}).confusion(), e.confusion());
        assertEquals(2, e.videos());
        assertEquals(List.of("unscored"), scorer.predictionsWithoutGold());
    }

    @Test
    void goldVideoWithoutPredictionFile() {
        PredictionFiles.annotation(gold(), "a", 0);
        PredictionFiles.annotation(gold(), "b", 0);
        PredictionFiles.annotation(pred(), "a", 0);
        assertError(pred().resolve("b.txt") + ": missing: no prediction for gold video b");
    }

    @Test
    void fewerPredictionRowsThanGoldFrames() {
        PredictionFiles.annotation(gold(), "a", 0, 1, 2);
        PredictionFiles.submission(pred(), "a", 0, 1);
        assertError(pred().resolve("a.txt") + ":3: 2 prediction rows, but the gold file " + gold().resolve("a.txt") + " has 3 frames");
    }

    @Test
    void morePredictionRowsThanGoldFrames() {
        PredictionFiles.annotation(gold(), "a", 0, 1);
        PredictionFiles.annotation(pred(), "a", 0, 1, 2, 3);
        assertError(pred().resolve("a.txt") + ":4: 4 prediction rows, but the gold file");
    }

    @Test
    void annotatedFrameWithoutPrediction() {
        PredictionFiles.annotation(gold(), "a", -1, 1);
        PredictionFiles.annotation(pred(), "a", -1, -1);
        assertError(pred().resolve("a.txt") + ":3: frame 2 has no prediction (-1) but is annotated");
    }

    @Test
    void labelOutsideRangeAndWrongHeaderNameFileAndLine() {
        PredictionFiles.annotation(gold(), "a", 0, 1);
        PredictionFiles.annotation(pred(), "a", 0, 9);
        assertError(pred().resolve("a.txt") + ":3: label 9 is outside -1..7");
        PredictionFiles.write(pred(), "a", "Neutral;Anger", "0", "1");
        assertError(pred().resolve("a.txt") + ":1: unknown header");
        PredictionFiles.write(gold(), "a", "image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other", "a/00001.jpg,1");
        assertError(gold().resolve("a.txt") + ":1: wrong header");
    }

    @Test
    void emptyOrMissingDirectories() throws Exception {
        Files.createDirectories(gold());
        Files.createDirectories(pred());
        DataFormatException e = assertThrows(DataFormatException.class, () -> new DirectoryScorer(gold(), pred()));
        assertTrue(e.getMessage().contains("holds no annotation files"), e.getMessage());
        assertThrows(DataFormatException.class, () -> new DirectoryScorer(gold(), tmp.resolve("nope")));
    }

    private void assertError(String expectedPrefix) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> new DirectoryScorer(gold(), pred()).score());
        assertTrue(e.getMessage().startsWith(expectedPrefix), "expected '" + expectedPrefix + "' at the start of: " + e.getMessage());
    }
}
