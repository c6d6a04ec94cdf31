package org.affect4j.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's config.json is compared in its resolved form: a run written before a key existed matches its default. */
class RunDirectoryTest {
    @Test
    void aRunWrittenBeforeAKeyExistedIsTheSameExperimentWithTheKeysDefault(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("exp.yaml");
        Files.writeString(yaml, "data: {store: s, train: t.csv, validation: v.csv}\nfeatures: [fbank]\n");
        ExperimentConfig config = ExperimentConfigs.load(yaml);
        String json = ExperimentConfigs.toJson(config);
        // the config.json of a run trained before training.precision existed
        ObjectNode old = (ObjectNode) ExperimentConfigs.json().readTree(json);
        ((ObjectNode) old.get("training")).remove("precision");
        Path written = dir.resolve("config.json");
        Files.writeString(written, old.toPrettyString());
        assertTrue(RunDirectory.sameConfig(written, json));

        ((ObjectNode) old.get("training")).put("precision", "bfloat16");
        Files.writeString(written, old.toPrettyString());
        assertFalse(RunDirectory.sameConfig(written, json), "another precision is another experiment");
        Files.writeString(written, "{\"unknown\": 1}");
        assertFalse(RunDirectory.sameConfig(written, json), "a file this version cannot read is not the same");
    }
}
