package org.affect4j.submission;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectedVideosTest {
    @TempDir
    Path dir;

    @Test
    void readsAListWithOrWithoutHeader() {
        ExpectedVideos e = ExpectedVideos.readList(PredictionFiles.write(dir, "list", "name,frames", "b_right,20", " a , 10"));
        assertEquals(List.of("a", "b_right"), List.copyOf(e.names()));
        assertEquals(10, e.frames("a"));
        assertEquals(20, ExpectedVideos.readList(PredictionFiles.write(dir, "l2", "b_right,20")).frames("b_right"));
        assertThrows(IllegalArgumentException.class, () -> e.frames("c"));
    }

    @Test
    void listErrorsNameFileAndLine() {
        assertError(PredictionFiles.write(dir, "l", "a,10", "b"), "l.txt:2: expected '<name>,<frames>'");
        assertError(PredictionFiles.write(dir, "l", "a,ten"), "l.txt:1: frame count 'ten' of a is not an integer");
        assertError(PredictionFiles.write(dir, "l", "a,0"), "l.txt:1: frame count 0 of a is not 1 or more");
        assertError(PredictionFiles.write(dir, "l", "a,1", "a,2"), "l.txt:2: video a is listed twice");
        assertError(PredictionFiles.write(dir, "l", "name,frames"), "l.txt: lists no videos");
    }

    @Test
    void countsFramesOfGoldFiles() {
        PredictionFiles.annotation(dir.resolve("gold"), "v_left", 0, -1, 2);
        assertEquals(3, ExpectedVideos.fromGold(dir.resolve("gold")).frames("v_left"));
        assertThrows(IllegalArgumentException.class, () -> ExpectedVideos.of(Map.of("a", 0)));
    }

    private static void assertError(Path file, String expected) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ExpectedVideos.readList(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
