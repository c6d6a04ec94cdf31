package org.affect4j.experiments;

import org.affect4j.jobs.RemoteStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A model whose executor died mid-training is retried on another node, whose copy of the remote store has another
 * path: the run resumes there (found by bench/cluster.sh, where it was refused as "a different configuration").
 */
class AdoptCopyTest {
    private static String config(String store) {
        return "{\"data\": {\"store\": \"" + store + "\", \"train\": \"t\", \"validation\": \"v\"}, \"seed\": 7}";
    }

    @Test
    void anUnfinishedRunOfAnotherNodesCopyOfTheSameStoreMovesToThisCopy(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path there = dir.resolve("node-2/tmp/affect4j-store-cache/308143125e57e577");
        Path here = dir.resolve("node-1/tmp/affect4j-store-cache/308143125e57e577");
        Files.writeString(run.resolve("run.json"), "{\"status\": \"running\"}");
        Files.writeString(run.resolve("config.json"), config(there.toString()));

        TrainingProcess.adoptCopy(run, dir.resolve("node-1/tmp/affect4j-store-cache/0000000000000000"));
        assertTrue(Files.readString(run.resolve("config.json")).contains(there.toString()), "another store: left as it is");

        TrainingProcess.adoptCopy(run, here);
        String now = Files.readString(run.resolve("config.json"));
        assertTrue(now.contains(here.toString()) && !now.contains(there.toString()) && now.contains("\"seed\" : 7"), now);

        Files.writeString(run.resolve("run.json"), "{\"status\": \"finished\"}");
        Files.writeString(run.resolve("config.json"), config(there.toString()));
        TrainingProcess.adoptCopy(run, here);
        assertTrue(Files.readString(run.resolve("config.json")).contains(there.toString()), "a finished run is not touched");

        assertFalse(RemoteStores.sameStoreCopy(Path.of("/data/store/x"), Path.of("/other/store/x")), "not copies");
    }
}
