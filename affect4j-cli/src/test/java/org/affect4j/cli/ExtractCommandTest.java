package org.affect4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {
    @Test
    void anUnreadableInputIsOnePlainLineAndLeavesNoStoreSkeleton(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.mp4");
        Files.writeString(bad, "not a video");
        Path store = tmp.resolve("store");
        CommandRun r = CommandRun.of("extract", "--input", bad.toString(), "--store", store.toString(), "--features", "fbank");
        assertEquals(3, r.exit(), r.toString());
        assertEquals("affect4j: error: " + bad + " is not a readable media file (Could not open input \"" + bad + "\".)",
                r.err().strip(), r.toString());
        assertFalse(Files.exists(store), "no store skeleton");
    }

    @Test
    void anUnknownFeatureIsAUsageLineNamingTheNearest(@TempDir Path tmp) {
        CommandRun r = CommandRun.of("extract", "--input", tmp.toString(), "--store", tmp.resolve("s").toString(),
                "--features", "facers");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().startsWith("affect4j: error: unknown feature 'facers'; did you mean 'faceres'?")
                && r.err().strip().endsWith("(see 'affect4j extract --help')") && r.err().strip().lines().count() == 1, r.toString());
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void anUnknownTrackIsAUsageLineNamingTheTracks(@TempDir Path tmp) {
        CommandRun r = CommandRun.of("extract", "--input", tmp.toString(), "--store", tmp.resolve("s").toString(),
                "--features", "fbank", "--track", "middle");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("affect4j: error: unknown track 'middle'; choose auto, main, left, right (see 'affect4j extract --help')",
                r.err().strip(), r.toString());
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void aBadNumberIsAUsageLineNamingItsOption(@TempDir Path tmp) {
        for (String[] option : new String[][] {{"--threads", "0"}, {"--fps", "-2"}, {"--audio-rate", "0"}}) {
            CommandRun r = CommandRun.of("extract", "--input", tmp.toString(), "--store", tmp.resolve("s").toString(),
                    "--features", "fbank", option[0], option[1]);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().startsWith("affect4j: error: " + option[0] + " must be") && r.err().strip().lines().count() == 1,
                    r.toString());
            assertFalse(Files.exists(tmp.resolve("s")));
        }
    }
}
