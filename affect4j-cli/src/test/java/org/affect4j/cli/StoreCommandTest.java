package org.affect4j.cli;

import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code affect4j store verify}: passes on a store as written, one line and exit 1 for a flipped byte. */
class StoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyPassesThenFindsAFlippedByte() throws Exception {
        FeatureStore s = new FeatureStore(dir);
        s.putDescriptor(new FeatureDescriptor("fbank", 2, 0, "fbank", "1", Map.of()));
        s.put("fbank", "a", FeatureMatrix.of(2, 2, new float[]{1, 2, 3, 4}));
        s.put("fbank", "b", FeatureMatrix.of(1, 2, new float[]{5, 6}));

        CommandRun ok = CommandRun.of("store", "verify", dir.toString());
        assertEquals(0, ok.exit(), ok.toString());
        assertEquals("store " + dir + ": all 2 matrices are as written", ok.out().strip());

        Path m = dir.resolve("fbank/b.npy");
        byte[] bytes = Files.readAllBytes(m);
        bytes[bytes.length - 2] ^= 0x10;
        Files.write(m, bytes);
        CommandRun bad = CommandRun.of("store", "verify", dir.toString());
        assertEquals(1, bad.exit(), bad.toString());
        String[] lines = bad.out().strip().split("\n");
        assertEquals(2, lines.length, bad.toString());
        assertTrue(lines[0].startsWith("fbank/b: b.npy changed (SHA-256 "), bad.toString());
        assertEquals("store " + dir + ": 1 of 2 matrices missing, changed or unrecorded", lines[1]);

        CommandRun none = CommandRun.of("store", "verify", dir.resolve("nothing").toString());
        assertEquals(3, none.exit(), none.toString());
        assertEquals("affect4j: error: the store " + dir.resolve("nothing") + " does not exist", none.err().strip());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRun wrong = CommandRun.of("store", "verify", empty.toString());
        assertEquals(3, wrong.exit(), wrong.toString());
        assertEquals("affect4j: error: " + empty + " is not a feature store: it holds no feature (no FEATURE/feature.json)",
                wrong.err().strip());
    }
}
