package org.affect4j.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hash memo: the same value as hashing, computed once while the file stays as it was, again when it changes. */
class HashMemoTest {
    @TempDir
    Path tmp;

    private static void settle(Path f) throws Exception {
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 10 * HashMemo.RACY_MILLIS));
    }

    @Test
    void remembersUntilTheFileChanges() throws Exception {
        Path f = tmp.resolve("model.bin");
        Files.writeString(f, "weights one");
        settle(f);
        HashMemo memo = new HashMemo(tmp.resolve("memo"));
        AtomicInteger computed = new AtomicInteger();
        java.util.function.Supplier<String> hash = () -> {
            computed.incrementAndGet();
            return Sha256.of(f);
        };
        assertEquals(Sha256.of(f), memo.get("sha256", List.of(f), hash));
        assertEquals(Sha256.of(f), memo.get("sha256", List.of(f), hash));
        assertEquals(1, computed.get());
        // another question about the same file is not answered from this one
        assertEquals("x".repeat(64), memo.get("other", List.of(f), () -> "x".repeat(64)));

        Files.writeString(f, "weights two"); // same size, new content
        settle(f); // even at an older time than before: the stamp differs
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 1000));
        assertEquals(Sha256.of(f), memo.get("sha256", List.of(f), hash));
        assertEquals(2, computed.get());
    }

    @Test
    void aFileChangedJustNowIsHashedEveryTime() throws Exception {
        Path f = tmp.resolve("fresh.bin");
        Files.writeString(f, "just written");
        HashMemo memo = new HashMemo(tmp.resolve("memo"));
        AtomicInteger computed = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            memo.get("sha256", List.of(f), () -> {
                computed.incrementAndGet();
                return Sha256.of(f);
            });
        }
        assertEquals(2, computed.get());
    }

    @Test
    void anUnwritableMemoOnlyCostsTheHash() throws Exception {
        Path f = tmp.resolve("model.bin");
        Files.writeString(f, "weights");
        settle(f);
        Path notADir = tmp.resolve("file");
        Files.writeString(notADir, "");
        assertEquals(Sha256.of(f), new HashMemo(notADir.resolve("memo")).get("sha256", List.of(f), () -> Sha256.of(f)));
    }
}
