package org.affect4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLinesTest {
    @TempDir
    Path dir;

    private List<String> readAll(String content) throws Exception {
        Path f = dir.resolve("f.txt");
        Files.writeString(f, content);
        List<String> out = new ArrayList<>();
        try (DataLines in = DataLines.open(f)) {
            String l;
            while ((l = in.next()) != null) out.add(in.lineNumber() + ":" + l);
        }
        return out;
    }

    @Test
    void stripsBomCrLfAndTrailingBlankLines() throws Exception {
        assertEquals(List.of("1:a", "2:b"), readAll("\uFEFFa\r\nb \r\n\r\n\n"));
    }

    @Test
    void blankLineBetweenRowsIsReturnedWithItsNumber() throws Exception {
        assertEquals(List.of("1:a", "2:", "3:", "4:b"), readAll("a\n\n\nb\n"));
    }

    @Test
    void missingFileIsADataFormatError() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataLines.open(dir.resolve("nope.txt")));
        assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
    }
}
