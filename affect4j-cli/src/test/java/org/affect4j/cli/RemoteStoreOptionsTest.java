package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
