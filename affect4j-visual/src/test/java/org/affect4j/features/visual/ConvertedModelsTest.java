package org.affect4j.features.visual;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversion cache: converted once, keyed by the source content, a missing shard named. */
class ConvertedModelsTest {
    @TempDir
    Path tmp;
    private String saved;

    @BeforeEach
    void pointModelsAtTmp() {
        saved = System.getProperty("affect4j.models");
        System.setProperty("affect4j.models", tmp.resolve("models").toString());
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty("affect4j.models");
        } else {
            System.setProperty("affect4j.models", saved);
        }
    }

    private Path model(String scale) throws Exception {
        Path json = tmp.resolve("tiny.json");
        Files.writeString(json, """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"shape": {"shape": {"dim": [{"size": "-1"}, {"size": "2"}, {"size": "2"}, {"size": "3"}]}}}},
                  {"name": "s", "op": "Const"},
                  {"name": "y", "op": "Mul", "input": ["x", "s"]},
                  {"name": "out", "op": "Relu", "input": ["y"]}]},
                 "weightsManifest": [{"paths": ["tiny.bin"], "weights": [{"name": "s", "shape": [], "dtype": "float32"}]}]}
                """);
        Files.write(tmp.resolve("tiny.bin"), java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putFloat(Float.parseFloat(scale)).array());
        return json;
    }

    @Test
    void convertsOnceAndRekeysWhenTheSourceChanges() throws Exception {
        Path json = model("2");
        Path first = ConvertedModels.graph(json, List.of("out"));
        assertTrue(first.startsWith(ConvertedModels.cacheDir()) && Files.isRegularFile(first), first.toString());
        long stamp = Files.getLastModifiedTime(first).toMillis();
        Thread.sleep(20);
        Path again = ConvertedModels.graph(json, List.of("out"));
        assertEquals(first, again);
        assertEquals(stamp, Files.getLastModifiedTime(again).toMillis(), "cached file was not rewritten");
        model("3");
        assertNotEquals(first, ConvertedModels.graph(json, List.of("out")), "new weights, new cache entry");
    }

    @Test
    void missingShardIsNamed() throws Exception {
        Path json = model("2");
        Files.delete(tmp.resolve("tiny.bin"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvertedModels.graph(json, List.of("out")));
        assertTrue(e.getMessage().contains("tiny.bin"), e.getMessage());
    }
}
