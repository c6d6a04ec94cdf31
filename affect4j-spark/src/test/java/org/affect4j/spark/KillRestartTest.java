package org.affect4j.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kills a running Spark job (SIGKILL of its JVM) and restarts it: only unfinished items run again. */
class KillRestartTest {
    private static final int ITEMS = 12;

    @Test
    void aRestartedJobRedoesOnlyUnfinishedItems(@TempDir Path dir) throws Exception {
        Process first = start(dir, 400);
        // wait until some, not all, items are finished, then kill the whole JVM without warning
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finished(dir).size() < 4 && System.nanoTime() < deadline && first.isAlive()) Thread.sleep(50);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Set<String> before = finished(dir);
        assertTrue(before.size() >= 4 && before.size() < ITEMS, "finished before the kill: " + before);
        noTemporaryFileLooksFinished(dir);

        int ranBefore = SeededFileItem.executions(dir).size();
        Process second = start(dir, 0);
        assertTrue(second.waitFor(90, TimeUnit.SECONDS), "the restarted job did not end");
        assertEquals(0, second.exitValue(), Files.readString(dir.resolve("job.log")));
        assertEquals(ITEMS, finished(dir).size());

        List<String> rerun = SeededFileItem.executions(dir).subList(ranBefore, SeededFileItem.executions(dir).size());
        for (String name : rerun) assertTrue(!before.contains(name), name + " was finished before the kill but ran again");
        assertEquals(ITEMS - before.size(), rerun.size(), "re-executed: " + rerun);
    }

    private static Process start(Path dir, long sleepMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowJobMain.class.getName(),
                dir.toString(), Integer.toString(ITEMS), Long.toString(sleepMillis))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("job.log").toFile()))
                .start();
    }

    private static Set<String> finished(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> out = new HashSet<>();
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("item") && n.endsWith(".txt"))
                    .forEach(n -> out.add(n.substring(0, n.length() - 4)));
            return out;
        }
    }

    private static void noTemporaryFileLooksFinished(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).forEach(n ->
                    assertTrue(n.endsWith(".tmp"), "a stray file that is not marked temporary: " + n));
        }
    }
}
