package org.affect4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmissionRowTest {
    @Test
    void formatsAndParsesFiveDigitFrameNumbers() {
        SubmissionRow r = new SubmissionRow("10-60-1280x720_right", 7, 4);
        assertEquals("10-60-1280x720_right/00007.jpg,4", r.toLine());
        assertEquals(r, SubmissionRow.parse("10-60-1280x720_right/00007.jpg,4"));
        assertEquals(r, SubmissionRow.parse(" 10-60-1280x720_right/00007.jpg , 4 "));
        assertEquals("v/123456.jpg", SubmissionRow.imageLocation("v", 123456));
    }

    @Test
    void refusesMalformedRowsWithAReason() {
        assertMessage("v/7.jpg,1", "should be 'v/00007.jpg'");
        assertMessage("v/000007.jpg,1", "should be 'v/00007.jpg'");
        assertMessage("v/00007.png,1", "is not '<name>/<NNNNN>.jpg'");
        assertMessage("00007.jpg,1", "is not '<name>/<NNNNN>.jpg'");
        assertMessage("v/00000.jpg,1", "not 1 or more");
        assertMessage("v/00001.jpg,8", "outside 0..7");
        assertMessage("v/00001.jpg,-1", "outside 0..7");
        assertMessage("v/00001.jpg,x", "not an integer");
        assertMessage("v/00001.jpg", "expected '<name>/<NNNNN>.jpg,<label>'");
        assertMessage("v/00001.jpg,1,2", "expected '<name>/<NNNNN>.jpg,<label>'");
    }

    private static void assertMessage(String line, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubmissionRow.parse(line));
        assertTrue(e.getMessage().contains(expected), line + " -> " + e.getMessage());
    }
}
