package org.affect4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PredictionWriterTest {
    @TempDir
    Path dir;

    @Test
    void labelsRoundTripInTheAnnotationFormat() throws Exception {
        Path f = dir.resolve("v.txt");
        FramePredictions p = FramePredictions.ofLabels(new int[]{1, -1, 7});
        PredictionWriter.write(f, p);
        assertEquals(List.of(ExprClass.HEADER, "1", "-1", "7"), Files.readAllLines(f));
        assertEquals(p, PredictionReader.read(f));
    }

    @Test
    void probabilitiesRoundTripAtFloatPrecision() throws Exception {
        Path f = dir.resolve("v.txt");
        double third = 1.0 / 3;
        FramePredictions p = FramePredictions.ofProbabilities(new double[][]{
                {third, third, third, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0.25, 0.25, 0.5, 0}});
        PredictionWriter.write(f, p);
        List<String> lines = Files.readAllLines(f);
        assertEquals("frame," + ExprClass.HEADER, lines.get(0));
        assertEquals("2,0.0,0.0,0.0,0.0,0.25,0.25,0.5,0.0", lines.get(2));
        FramePredictions back = PredictionReader.read(f);
        assertArrayEquals(p.labels(), back.labels());
        assertEquals((float) third, (float) back.probability(0, 1));
    }

    @Test
    void labelsOnlyCannotBeWrittenAsProbabilities() {
        assertThrows(IllegalArgumentException.class,
                () -> PredictionWriter.writeProbabilities(dir.resolve("v.txt"), FramePredictions.ofLabels(new int[]{1})));
    }

    @Test
    void videoFilesListsTxtFilesSorted() throws Exception {
        PredictionFiles.annotation(dir, "b", 1);
        PredictionFiles.annotation(dir, "a_left", 1);
        Files.writeString(dir.resolve("notes.md"), "x");
        Files.createDirectory(dir.resolve("sub.txt"));
        VideoFiles files = VideoFiles.of(dir);
        assertEquals(List.of("a_left", "b"), files.names());
        assertEquals(dir.resolve("b.txt"), files.file("b"));
        assertThrows(DataFormatException.class, () -> VideoFiles.of(dir.resolve("missing")));
    }

    @Test
    void probabilitiesWithAFrameWithoutPredictionAreRefusedAndNothingIsWritten() {
        Path f = dir.resolve("v.txt");
        FramePredictions p = FramePredictions.ofProbabilities(new double[][]{{0, 1, 0, 0, 0, 0, 0, 0}, null});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PredictionWriter.write(f, p));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("frame 2"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(f));
    }
}
