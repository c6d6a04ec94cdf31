package org.affect4j.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkedJvmTest {
    // options of their own, so other tests' children are never taken
    private final ForkedJvm jvm = new ForkedJvm(List.of("-Daffect4j.forkedJvmTest=" + System.nanoTime(), "-Xmx64m"));

    private static long pid(Path log) throws Exception {
        Matcher m = Pattern.compile("pid (\\d+) args").matcher(Files.readString(log));
        long last = -1;
        while (m.find()) last = Long.parseLong(m.group(1));
        return last;
    }

    @Test
    void aChildInheritsTheLocationsAndTheUnpackedNativeLibraryButNotTheRest() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("affect4j.models", "/m");
        p.setProperty("affect4j.threads", "2");
        p.setProperty("onnxruntime.native.path", "/cli/native/onnxruntime-1.23.2");
        p.setProperty("java.io.tmpdir", "/t");
        assertEquals(List.of("-Daffect4j.models=/m", "-Donnxruntime.native.path=/cli/native/onnxruntime-1.23.2"),
                ForkedJvm.inherited(p, List.of("-Daffect4j.threads=1")), "the child's own options win");
    }

    @Test
    void aChildServesTaskAfterTaskEachIntoItsOwnLog(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.log"), b = dir.resolve("b.log");
        assertEquals(new ForkedJvm.Exit(0, ""), jvm.run(EchoTask.class, List.of("ok", "first"), a));
        assertEquals(new ForkedJvm.Exit(0, ""), jvm.run(EchoTask.class, List.of("ok", "second"), b));
        assertEquals(pid(a), pid(b), "the second task ran in the child of the first");
        assertNotEquals(ProcessHandle.current().pid(), pid(a));
        assertEquals(List.of("pid " + pid(a) + " args [ok, first]", "to standard error"), Files.readAllLines(a));
        assertTrue(Files.readString(b).contains("args [ok, second]") && !Files.readString(b).contains("first"));
    }

    @Test
    void aFailedTaskReportsItsErrorAndTheNextTaskGetsAFreshChild(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.log"), bad = dir.resolve("bad.log"), next = dir.resolve("next.log");
        jvm.run(EchoTask.class, List.of("ok"), ok);
        ForkedJvm.Exit e = jvm.run(EchoTask.class, List.of("fail"), bad);
        assertEquals(new ForkedJvm.Exit(1, "IllegalStateException: asked to fail"), e);
        assertEquals(pid(ok), pid(bad));
        jvm.run(EchoTask.class, List.of("ok"), next);
        assertNotEquals(pid(bad), pid(next), "a child that failed a task is not reused");
        assertFalse(ProcessHandle.of(pid(bad)).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aChildThatDiesIsReportedWithItsExitCode(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("halt.log");
        ForkedJvm.Exit e = jvm.run(EchoTask.class, List.of("halt"), log);
        assertEquals(7, e.code());
        assertEquals("the child JVM exited with code 7 (see " + log + ")", e.errorLine());
        assertEquals(new ForkedJvm.Exit(0, ""), jvm.run(EchoTask.class, List.of("ok"), dir.resolve("after.log")));
    }

    @Test
    void childrenHaveABoundedHeapAndSayWhatToChangeWhenItRunsOut(@TempDir Path dir) throws Exception {
        // no -Xmx of its own: the default bound, not a quarter of the machine
        ForkedJvm plain = new ForkedJvm(List.of("-Daffect4j.forkedJvmTest=" + System.nanoTime()));
        Path heap = dir.resolve("heap.log");
        assertEquals(0, plain.run(EchoTask.class, List.of("heap"), heap).code());
        Matcher m = Pattern.compile("max heap (\\d+)").matcher(Files.readString(heap));
        assertTrue(m.find(), Files.readString(heap));
        long mb = Long.parseLong(m.group(1));
        assertTrue(mb > 1024 && mb <= 2048, "child heap " + mb + " MB, expected the default bound of 2 GB");
        ForkedJvm.Exit e = jvm.run(EchoTask.class, List.of("oom"), dir.resolve("oom.log"));
        assertEquals(1, e.code());
        assertTrue(e.errorLine().startsWith("out of memory in a child JVM (Java heap space, heap at most")
                && e.errorLine().contains("AFFECT4J_CHILD_HEAP"), e.errorLine());
    }

    @Test
    void anUnknownTaskClassFailsInTheChild(@TempDir Path dir) throws Exception {
        ForkedJvm.Exit e = jvm.run(ForkedJvm.Task.class, List.of(), dir.resolve("x.log"));
        assertEquals(1, e.code());
        assertTrue(e.errorLine().startsWith("NoSuchMethodException"), e.errorLine());
    }

    @Test
    void interruptingTheWaitingTaskKillsItsChild(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sleep.log"), started = dir.resolve("started");
        Thread t = new Thread(() -> {
            try {
                jvm.run(EchoTask.class, List.of("sleep", "60000", started.toString()), log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        for (int i = 0; i < 300 && !Files.exists(started); i++) Thread.sleep(100);
        assertTrue(Files.exists(started), "the child started the task");
        long child = pid(log);
        t.interrupt();
        t.join(20_000);
        assertFalse(t.isAlive());
        ProcessHandle h = ProcessHandle.of(child).orElse(null);
        if (h != null) h.onExit().get(20, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child was killed");
    }

    @Test
    void aChildWhoseParentDiesMidTaskStopsAtOnce(@TempDir Path dir) throws Exception {
        // the parent here is a JVM of its own that starts a child on a long task and is then killed
        Path started = dir.resolve("started"), log = dir.resolve("orphan.log");
        Path tmp = Files.createDirectories(dir.resolve("tmp")); // where the parent writes the child's argfile
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName(), started.toString(),
                log.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("parent.out").toFile()).start();
        for (int i = 0; i < 600 && !Files.exists(started); i++) Thread.sleep(100);
        assertTrue(Files.exists(started), "the child started the task");
        long child = pid(log);
        parent.destroyForcibly().waitFor();
        ProcessHandle h = ProcessHandle.of(child).orElse(null);
        if (h != null) h.onExit().get(20, TimeUnit.SECONDS);
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the orphan stopped");
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the child deleted its argfile: a killed parent leaves nothing in the"
                    + " temporary folder");
        }
    }

    /** A parent that starts a 10-minute task and waits (until killed by the test). */
    public static final class OrphanParentMain {
        public static void main(String[] args) throws Exception {
            new ForkedJvm(List.of("-Xmx64m")).run(EchoTask.class, List.of("sleep", "600000", args[0]), Path.of(args[1]));
        }
    }
}
