package org.affect4j.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No two packages depend on each other round a loop: runs {@code scripts/PackageCycles.java} (jdeps over every
 * module's compiled classes; the CLI is built after every module it depends on, so their classes are there).
 */
class PackageCyclesTest {
    @Test
    void thePackagesFormNoLoop() throws Exception {
        Path root = Path.of(System.getProperty("affect4j.root", "..")).toAbsolutePath().normalize();
        Path script = root.resolve("scripts/PackageCycles.java");
        assertTrue(Files.isRegularFile(script), script.toString());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                script.toString(), root.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jdeps took over two minutes");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("(?s).*\\b[2-9]\\d packages, 0 cycle\\(s\\).*"), "fewer packages analysed than built:\n" + out);
    }
}
