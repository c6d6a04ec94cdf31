package org.affect4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ExprCorpusTest {
    @TempDir
    Path root;

    @Test
    void readsLabelsWithUnannotatedFrames() throws IOException {
        Path f = Files.writeString(root.resolve("a.txt"), ExprClass.HEADER + "\n0\n-1\n7\r\n4\n\n");
        assertArrayEquals(new int[] {0, -1, 7, 4}, ExprAnnotations.read(f));
        assertEquals(3, ExprAnnotations.annotatedCount(ExprAnnotations.read(f)));
    }

    @Test
    void badFilesNameFileAndLine() throws IOException {
        Path header = Files.writeString(root.resolve("h.txt"), "Neutral,Anger\n0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExprAnnotations.read(header)).getMessage()
                .contains("h.txt:1: wrong header"));
        Path label = Files.writeString(root.resolve("l.txt"), ExprClass.HEADER + "\n0\n8\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExprAnnotations.read(label)).getMessage()
                .contains("l.txt:3: label 8 is outside -1..7"));
        Path text = Files.writeString(root.resolve("t.txt"), ExprClass.HEADER + "\nhappy\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExprAnnotations.read(text)).getMessage().contains("t.txt:2"));
        Path gap = Files.writeString(root.resolve("g.txt"), ExprClass.HEADER + "\n1\n\n2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> ExprAnnotations.read(gap)).getMessage().contains("g.txt:3"));
        Path empty = Files.writeString(root.resolve("e.txt"), "");
        assertThrows(DataFormatException.class, () -> ExprAnnotations.read(empty));
        assertThrows(DataFormatException.class, () -> ExprAnnotations.read(root.resolve("missing.txt")));
    }

    @Test
    void writeReadRoundTrip() {
        int[] labels = {0, 1, -1, 7};
        ExprAnnotations.write(root.resolve("w.txt"), labels);
        assertArrayEquals(labels, ExprAnnotations.read(root.resolve("w.txt")));
    }

    @Test
    void scansTreeMapsLeftRightToSharedVideoAndCrops() throws IOException {
        Path ann = root.resolve("annotations/EXPR_Classification_Challenge");
        Files.createDirectories(ann.resolve("Train_Set"));
        Files.createDirectories(ann.resolve("Validation_Set"));
        for (String n : List.of("10-60-1280x720_left", "10-60-1280x720_right", "1-30-1280x720")) {
            ExprAnnotations.write(ann.resolve("Train_Set/" + n + ".txt"), new int[] {0});
        }
        ExprAnnotations.write(ann.resolve("Validation_Set/video5.txt"), new int[] {1});
        Path media = Files.createDirectories(root.resolve("videos/batch1"));
        Files.writeString(media.resolve("10-60-1280x720.mp4"), "x");
        Files.writeString(media.resolve("1-30-1280x720.avi"), "x");
        Files.writeString(media.resolve("1-30-1280x720.wav"), "x");
        Path crops = Files.createDirectories(root.resolve("cropped_aligned/10-60-1280x720_right"));

        ExprCorpus c = ExprCorpus.scan(root.resolve("annotations"), root.resolve("videos"), root.resolve("cropped_aligned"));
        assertEquals(4, c.videos().size());
        AnnotatedVideo right = c.split("Train_Set").get(2);
        assertEquals("10-60-1280x720_right", right.name());
        assertEquals("10-60-1280x720", right.videoId());
        assertEquals(AnnotatedVideo.Side.RIGHT, right.side());
        assertEquals("10-60-1280x720.mp4", right.media().orElseThrow().getFileName().toString());
        assertEquals(crops, right.crops().orElseThrow());
        assertEquals("1-30-1280x720.avi", c.split("Train_Set").get(0).media().orElseThrow().getFileName().toString(),
                "the video beats the audio-only file of the same id");
        assertEquals(List.of("video5"), c.names("Validation_Set"));
        assertEquals("00001.jpg", AnnotatedVideo.cropFileName(0));
        assertThrows(DataFormatException.class, () -> ExprCorpus.scan(root.resolve("videos"), null, null));
    }

    @Test
    void foldsKeepLeftAndRightTogether() {
        List<String> names = List.of("a_left", "a_right", "b", "c_left", "c_right", "d", "e", "f", "g_left", "g_right");
        List<List<String>> folds = VideoFolds.kFold(names, 4, 7);
        assertEquals(4, folds.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < folds.size(); i++) {
            for (String n : folds.get(i)) assertTrue(seen.add(n));
            for (int j = i + 1; j < folds.size(); j++) VideoFolds.checkDisjoint(folds.get(i), folds.get(j));
        }
        assertEquals(names.size(), seen.size());
        assertEquals(folds, VideoFolds.kFold(names, 4, 7), "deterministic for a seed");
        assertThrows(IllegalArgumentException.class, () -> VideoFolds.checkDisjoint(List.of("a_left"), List.of("a_right")));
    }
}
