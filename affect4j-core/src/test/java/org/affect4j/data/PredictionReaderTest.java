package org.affect4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.affect4j.data.PredictionFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionReaderTest {
    private static final String NAMES = "Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";
    @TempDir
    Path dir;

    @Test
    void readsTheAnnotationFormatWithUnlabelledFrames() {
        Path f = PredictionFiles.annotation(dir, "v", 0, -1, 7);
        assertEquals(PredictionFormat.ANNOTATION, PredictionReader.detect(f));
        FramePredictions p = PredictionReader.read(f);
        assertArrayEquals(new int[]{0, -1, 7}, p.labels());
        assertFalse(p.hasProbabilities());
    }

    @Test
    void readsTheSubmissionFormat() {
        Path f = PredictionFiles.submission(dir, "12-24-1920x1080_left", 3, 3, 6);
        assertEquals(PredictionFormat.SUBMISSION, PredictionReader.detect(f));
        assertArrayEquals(new int[]{3, 3, 6}, PredictionReader.read(f).labels());
    }

    @Test
    void readsTheProbabilitiesFormat() {
        Path f = PredictionFiles.probabilities(dir, "v", new double[][]{
                {0.1, 0.2, 0, 0, 0, 0, 0, 0.7}, {0.9, 0, 0, 0, 0, 0, 0, 0.1}});
        assertEquals(PredictionFormat.PROBABILITIES, PredictionReader.detect(f));
        FramePredictions p = PredictionReader.read(f);
        assertArrayEquals(new int[]{7, 0}, p.labels());
        assertEquals(0.2, p.probability(0, 1));
    }

    @Test
    void headerMatchIgnoresSpacesAndCase() {
        Path f = write(dir, "v", "image_location, neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other", "v/00001.jpg,1");
        assertArrayEquals(new int[]{1}, PredictionReader.read(f).labels());
    }

    @Test
    void unknownHeaderNamesFileLineAndTheAcceptedHeaders() {
        Path f = write(dir, "v", "Neutral,Anger", "1");
        assertError(f, "v.txt:1: unknown header 'Neutral,Anger', expected '" + NAMES + "' or 'image_location,");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefused() {
        assertError(write(dir, "e"), "e.txt: is empty");
        assertError(write(dir, "s", "image_location," + NAMES), "s.txt: has a header but no frames");
        assertError(write(dir, "p", "frame," + NAMES), "p.txt: has a header but no frames");
    }

    @Test
    void submissionRowErrorsNameTheLine() {
        String h = "image_location," + NAMES;
        assertError(write(dir, "v", h, "v/00001.jpg,1", "v/00002.jpg,9"), "v.txt:3: label 9 is outside 0..7");
        assertError(write(dir, "v", h, "v/00001.jpg,1", "v/00003.jpg,1"), "v.txt:3: image_location 'v/00003.jpg', expected 'v/00002.jpg'");
        assertError(write(dir, "v", h, "w/00001.jpg,1"), "v.txt:2: image_location 'w/00001.jpg', expected 'v/00001.jpg'");
        assertError(write(dir, "v", h, "v/1.jpg,1"), "v.txt:2: image_location 'v/1.jpg' should be 'v/00001.jpg'");
        assertError(write(dir, "v", h, "v/00001.jpg,-1"), "v.txt:2: label -1 is outside 0..7");
        assertError(write(dir, "v", h, "v/00001.jpg,1", "", "v/00002.jpg,1"), "v.txt:3: blank line");
    }

    @Test
    void annotationRowErrorsNameTheLine() {
        assertError(write(dir, "v", NAMES, "0", "8"), "v.txt:3: label 8 is outside -1..7");
        assertError(write(dir, "v", NAMES, "0", "1.5"), "v.txt:3: label '1.5' is not an integer");
    }

    @Test
    void probabilityRowErrorsNameTheLine() {
        String h = "frame," + NAMES;
        assertError(write(dir, "v", h, "1,0,0,0,0,0,0,0"), "v.txt:2: 8 fields, expected 9");
        assertError(write(dir, "v", h, "2,0,0,0,0,0,0,0,1"), "v.txt:2: frame '2', expected 1");
        assertError(write(dir, "v", h, "1,0,0,x,0,0,0,0,1"), "v.txt:2: Disgust probability 'x' is not a number");
        assertError(write(dir, "v", h, "1,0,0,0,0,0,0,-1,1"), "v.txt:2: Surprise probability -1 is not a finite non-negative number");
        assertError(write(dir, "v", h, "1,0,0,0,0,0,0,NaN,1"), "v.txt:2: Surprise probability NaN");
    }

    @Test
    void videoNameIsTheFileNameWithoutTxt() {
        assertEquals("12-24-1920x1080_left", PredictionReader.videoName(Path.of("a/12-24-1920x1080_left.txt")));
    }

    private static void assertError(Path f, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> PredictionReader.read(f));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
}
