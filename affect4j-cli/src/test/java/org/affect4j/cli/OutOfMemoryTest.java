package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running out of memory ends a command with one line naming what to change, never a JVM stack trace. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void heapAndNativeExhaustionAreOneLineWithTheKnobs() {
        for (Throwable e : List.of(new OutOfMemoryError("Java heap space"),
                new ExecutionException(new OutOfMemoryError("Java heap space")),
                new IllegalStateException("ai.djl.engine.EngineException: DefaultCPUAllocator: not enough memory: you tried"
                        + " to allocate 123 bytes"))) {
            String m = ErrorHandler.message(e);
            assertTrue(m.startsWith("out of memory ("), m);
            for (String knob : List.of("AFFECT4J_HEAP", "-Xmx", "training.batchSize", "AFFECT4J_THREADS")) {
                assertTrue(m.contains(knob), knob + " missing from: " + m);
            }
            assertFalse(m.contains("\n"), m);
            assertEquals(Affect4j.EXIT_FAILURE, ErrorHandler.exitCode(e));
        }
        assertTrue(ErrorHandler.message(new ExecutionException(new OutOfMemoryError("Java heap space")))
                .startsWith("out of memory (Java heap space;"));
        assertEquals("bad", ErrorHandler.message(new IllegalArgumentException("bad")));
    }

    @Test
    void aRealJvmRunningOutOfHeapPrintsOneLine() throws Exception {
        // a gold file of 4 million frames cannot be read into a heap of 16 MB
        Path gold = Files.createDirectories(tmp.resolve("gold")), pred = Files.createDirectories(tmp.resolve("pred"));
        StringBuilder sb = new StringBuilder("Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other\n");
        sb.append("0\n".repeat(4_000_000));
        Files.writeString(gold.resolve("v.txt"), sb);
        Files.writeString(pred.resolve("v.txt"), "image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other\nv/00001.jpg,0\n");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                "-cp", System.getProperty("java.class.path"), Affect4j.class.getName(),
                "score", "--gold", gold.toString(), "--pred", pred.toString())
                .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not end");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(Affect4j.EXIT_FAILURE, p.exitValue(), String.join("\n", lines));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("affect4j: error: out of memory (Java heap space; this JVM's heap may grow to"),
                lines.get(0));
    }
}
