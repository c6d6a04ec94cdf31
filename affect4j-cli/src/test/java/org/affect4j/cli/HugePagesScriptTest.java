package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The launcher's measure of free memory in blocks of 2 MB or more (scripts/huge-pages.sh), on which it decides to give
 * the Java heap transparent huge pages: read from /proc/buddyinfo's layout, 0 when the file cannot be read.
 */
class HugePagesScriptTest {
    private static final Path SCRIPT = Files.exists(Path.of("../scripts/huge-pages.sh"))
            ? Path.of("../scripts/huge-pages.sh") : Path.of("scripts/huge-pages.sh");

    private static long hugeMb(Path buddyinfo) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; . \"$0\"; affect4j_huge_mb \"$1\"; echo \"$AFFECT4J_HUGE_MB\"",
                SCRIPT.toString(), buddyinfo.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return Long.parseLong(out);
    }

    @Test
    void countsTheFreeBlocksOfOrderNineAndAbove(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("buddyinfo");
        // this machine's (session 48), orders 0..10: order 9 blocks are 2 MB, order 10 blocks 4 MB
        Files.writeString(f, "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 \n"
                + "Node 0, zone    DMA32      0      4      2      2      1      2      0      3      3      1    753 \n"
                + "Node 0, zone   Normal   8492   7281   6019   7829   2652   1406    922    504    173    117    887 \n");
        assertEquals((1 * 2 + 3 * 4) + (1 * 2 + 753 * 4) + (117 * 2 + 887 * 4), hugeMb(f));
        // fragmented memory: plenty free, none of it in 2 MB blocks
        Files.writeString(f, "Node 0, zone   Normal  90000  50000  20000  9000   3000   900    100    10     2      0      0 \n");
        assertEquals(0, hugeMb(f));
        // a kernel with a larger largest order counts its 8 MB blocks too
        Files.writeString(f, "Node 0, zone   Normal   0 0 0 0 0 0 0 0 0 1 1 1 \n");
        assertEquals(2 + 4 + 8, hugeMb(f));
    }

    @Test
    void anUnreadableFileCountsNothing(@TempDir Path dir) throws Exception {
        assertEquals(0, hugeMb(dir.resolve("absent")));
    }
}
