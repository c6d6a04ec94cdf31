package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --precision of evaluate, ensemble and predict: a bad value or use is one error line, before any work. */
class PrecisionOptionTest {
    @Test
    void anUnknownPrecisionIsAUsageErrorNamingTheChoices(@TempDir Path dir) {
        for (CommandRun r : new CommandRun[] {
                CommandRun.of("evaluate", "--run", dir.toString(), "--precision", "fp16"),
                CommandRun.of("ensemble", "--run", dir.toString(), "--run", dir.toString(), "--rule", "vote", "--out", dir.resolve("out").toString(),
                        "--precision", "fp16")}) {
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("--precision: unknown precision 'fp16'; choose one of float32, bfloat16, int8"), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "one line\n" + r);
        }
    }

    @Test
    void predictTakesAPrecisionForATrainedRunOnly(@TempDir Path dir) {
        CommandRun r = CommandRun.of("predict", "--precision", "int8", "--out", dir.resolve("out").toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("affect4j: error: precision int8 is for a training run directory as the model; the default model"
                + " runs as shipped", r.err().strip(), r.toString());
        assertTrue(java.nio.file.Files.notExists(dir.resolve("out")), "nothing written");
    }
}
