package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --precision of evaluate and ensemble: an unknown value is one usage error line naming the choices, before any work. */
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
}
