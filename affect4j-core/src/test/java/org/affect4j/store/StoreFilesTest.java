package org.affect4j.store;

import org.affect4j.util.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The files of a store others can share: their mode, and no temporary file of a killed writer kept forever. */
class StoreFilesTest {
    @TempDir
    Path dir;

    private FeatureStore store() {
        FeatureStore s = new FeatureStore(dir);
        s.putDescriptor(new FeatureDescriptor("fbank", 2, 100, "test", "1", Map.of()));
        return s;
    }

    private static List<String> temporaries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).sorted().toList();
        }
    }

    @Test
    void everyStoreFileHasTheModeOfANewFile() throws IOException {
        FeatureStore s = store();
        try (MatrixWriter w = s.writer("fbank", "streamed")) {
            w.append(new float[] {1, 2}, true);
            w.commit();
        }
        s.put("fbank", "whole", new FeatureMatrix(1, 2, new float[] {3, 4}, new boolean[] {true}));
        s.putVideo(new VideoInfo("whole", 1, 25, "whole.mp4"));
        // what this process' umask gives any new file (0644 under the usual 022); before, matrices came out 0600
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(dir.resolve("reference")));
        assertTrue(usual.contains(PosixFilePermission.OTHERS_READ) || usual.contains(PosixFilePermission.GROUP_READ)
                || !usual.contains(PosixFilePermission.OWNER_READ), "this test needs a umask that lets others read: " + usual);
        for (Path f : List.of(dir.resolve("fbank/streamed.npy"), dir.resolve("fbank/streamed.mask.npy"),
                dir.resolve("fbank/whole.npy"), dir.resolve("fbank/whole.mask.npy"), dir.resolve("fbank/feature.json"),
                dir.resolve("videos/whole.json"))) {
            assertEquals(usual, Files.getPosixFilePermissions(f), f.toString());
        }
    }

    /** What a writer killed mid-write leaves: its temporary file, unlocked (the system dropped the lock), not new. */
    private static Path leftover(Path target, int bytes) throws IOException {
        Path tmp = AtomicFiles.createTemp(target);
        Files.write(tmp, new byte[bytes]);
        Files.setLastModifiedTime(tmp, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return tmp;
    }

    @Test
    void theNextWriterOfAPairRemovesWhatAKilledOneLeftAndKeepsLiveWritersFiles() throws IOException {
        FeatureStore s = store();
        Path folder = dir.resolve("fbank");
        Path deadMatrix = leftover(folder.resolve("v.npy"), 4096), deadMask = leftover(folder.resolve("v.mask.npy"), 16);
        Path otherPair = leftover(folder.resolve("v2.npy"), 4096);
        Path longerName = leftover(folder.resolve("v.npy.x"), 8);
        assertFalse(s.has("fbank", "v"), "a temporary file is never read as the matrix");
        // a writer of the same pair still at work in this process: its files are locked, so they stay
        MatrixWriter live = s.writer("fbank", "v");
        live.append(new float[] {1, 2}, true);

        try (MatrixWriter next = s.writer("fbank", "v")) {
            next.append(new float[] {5, 6}, true);
            next.commit();
        }
        assertFalse(Files.exists(deadMatrix));
        assertFalse(Files.exists(deadMask));
        assertTrue(Files.exists(otherPair), "another pair's files are that pair's writer's business");
        assertTrue(Files.exists(longerName));
        assertEquals(4, temporaries(folder).size(), "the live writer's two files and the two other names");
        assertArrayEquals(new float[] {5, 6}, s.get("fbank", "v").data());
        live.close();
        assertEquals(2, temporaries(folder).size());

        // whole-matrix writes clean up the same way
        Path deadWhole = leftover(folder.resolve("w.npy"), 64);
        s.put("fbank", "w", new FeatureMatrix(1, 2, new float[] {7, 8}, new boolean[] {true}));
        assertFalse(Files.exists(deadWhole));
    }
}
