package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A store on a Hadoop file system is for Spark jobs: the single-process commands say so in one line. */
class RemoteStoreOptionsTest {
    @Test
    void singleProcessCommandsRejectAHadoopStoreByName(@TempDir Path dir) throws Exception {
        Path clip = Files.writeString(dir.resolve("clip.wav"), "not read");
        CommandRun extract = CommandRun.of("extract", "--input", clip.toString(), "--store", "hdfs://namenode/store", "--features", "fbank");
        assertEquals(2, extract.exit(), extract.toString());
        assertTrue(extract.err().contains("--store hdfs://namenode/store: a store on a Hadoop file system needs --spark"), extract.toString());

        Files.writeString(dir.resolve("t.csv"), "name,label\na,0\n");
        Files.writeString(dir.resolve("exp.json"), """
                {"data": {"store": "hdfs://namenode/store", "train": "t.csv", "validation": "t.csv"}, "features": ["fbank"],
                 "training": {"epochs": 1}}
                """);
        CommandRun train = CommandRun.of("train", "--config", dir.resolve("exp.json").toString(), "--out", dir.resolve("run").toString());
        assertEquals(3, train.exit(), train.toString());
        assertTrue(train.err().contains("data.store: hdfs://namenode/store is on a Hadoop file system; cv and ablate copy such"
                + " a store to each worker, a single training needs a local folder"), train.toString());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void anUnreachableNameNodeIsOneLineAndExitThreeBeforeSparkStarts(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again below: nothing listens there
        }
        String store = "hdfs://127.0.0.1:" + port + "/store";
        Path clip = Files.writeString(dir.resolve("clip.wav"), "not read");
        long t0 = System.nanoTime();
        CommandRun extract = CommandRun.of("extract", "--input", clip.toString(), "--store", store, "--features", "fbank",
                "--master", "local[1]");
        assertEquals(3, extract.exit(), extract.toString());
        assertEquals(List.of("affect4j: error: cannot reach the store " + store + " (Connection refused): is its file system up"
                + " and the address right?"), extract.err().lines().toList(), extract.toString());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "no minutes of retries");

        Files.writeString(dir.resolve("t.csv"), "name,label\na,0\n");
        Files.writeString(dir.resolve("exp.json"), """
                {"data": {"store": "%s", "train": "t.csv", "validation": "t.csv"}, "features": ["fbank"],
                 "training": {"epochs": 1}}
                """.formatted(store));
        CommandRun cv = CommandRun.of("cv", "--config", dir.resolve("exp.json").toString(), "--folds", "2",
                "--out", dir.resolve("cv").toString());
        assertEquals(3, cv.exit(), cv.toString());
        assertTrue(cv.err().startsWith("affect4j: error: cannot reach the store " + store + " (Connection refused)"), cv.toString());
        assertEquals(1, cv.err().lines().count(), cv.toString());
    }
}
