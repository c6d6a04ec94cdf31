package org.affect4j.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.util.AtomicFiles;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Task}s of this class path in child JVMs, one task at a time per child, and keeps each child for the
 * next task of the same options.
 *
 * <p>Why a child process: the DJL/PyTorch engine keeps its random generator and its thread count per process, so
 * two trainings sharing one JVM (two Spark workers in {@code local[2]}) would draw from one generator in an
 * interleaved order and lose same-seed-same-result; a native crash would also take every other task down. A child
 * per running task gives each its own engine, seed stream and thread budget.
 *
 * <p>Why the child is kept: a fresh JVM spends several CPU-seconds starting the engine and JIT-compiling the
 * training loop again, which two workers on two cores pay out of the other worker's time. Each task seeds what it
 * uses, so a task gives the same result in a fresh or a reused child (tested). A child that fails a task exits
 * (its state is not trusted); one idle for {@link #IDLE_MILLIS} is not reused but closed, and exits by itself after
 * {@link ForkedJvmMain#IDLE_EXIT_MINUTES}; one whose parent dies stops at once (it reads its requests from the
 * parent: end of input mid-task means the job was killed).
 *
 * <p>The class path goes through an {@code @argfile}: long {@code -cp} command lines crashed ONNX Runtime's loader
 * (STACK.md). The child's standard output and error go to the calling task's {@code log}; the last line starting
 * with {@code error: } becomes the failure reason.
 */
public final class ForkedJvm {
    /** A child's task ended. */
    public record Exit(int code, String errorLine) {
    }

    /** Work done in a child JVM: a public class with a public no-argument constructor. */
    public interface Task {
        /** Runs once per request; any exception fails the request and ends the child. */
        void run(List<String> args) throws Exception;
    }

    /** Line a child prints after each task, followed by the exit code. */
    static final String END = "@@affect4j-task-end@@ ";
    /** Children idle longer than this are closed rather than reused. */
    static final long IDLE_MILLIS = 60_000;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<List<String>, Deque<Child>> IDLE = new HashMap<>();
    private static final List<Child> ALL = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ForkedJvm::closeAll, "affect4j-child-jvms"));
    }

    private final List<String> jvmOptions;

    /** @param jvmOptions extra options, e.g. {@code -Dai.djl.pytorch.num_threads=1} */
    public ForkedJvm(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Runs {@code task(args)} in a child and waits.
     *
     * @param log file that receives the child's standard output and error during the task (appended)
     * @throws IOException if no child can be started
     * @throws InterruptedException if this thread is interrupted (the child is then destroyed)
     */
    public Exit run(Class<? extends Task> task, List<String> args, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Child child = take(command());
        boolean reusable = false;
        try {
            Exit e = child.call(task.getName(), args, log);
            reusable = e.code() == 0;
            return e;
        } finally {
            if (reusable) giveBack(child);
            else child.destroy();
        }
    }

    /** The options that give a child {@code threads} engine threads (DJL/PyTorch and ONNX Runtime). */
    public static List<String> threadOptions(int threads) {
        return List.of("-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1",
                "-Daffect4j.threads=" + threads, "-Dai.djl.offline=true", "-Djava.awt.headless=true");
    }

    /** Maximum heap of a child: {@code -Daffect4j.childHeap} (the launcher's AFFECT4J_CHILD_HEAP), default 2g. */
    static String childHeap() {
        return System.getProperty("affect4j.childHeap", "2g");
    }

    /**
     * The {@code -D} options a child inherits from {@code props} unless {@code jvmOptions} set them: the affect4j
     * locations (models, data), and the folder where the launcher unpacked ONNX Runtime's native library (without
     * it every child unpacked its 22 MB again into a temporary folder, which ONNX Runtime leaves behind).
     */
    static List<String> inherited(java.util.Properties props, List<String> jvmOptions) {
        return props.stringPropertyNames().stream()
                .filter(k -> k.startsWith("affect4j.") || k.equals("onnxruntime.native.path"))
                .filter(k -> jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + k + "=")))
                .sorted().map(k -> "-D" + k + "=" + props.getProperty(k)).toList();
    }

    /** The child's command line up to the class path, which is the key of reuse. */
    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(inherited(System.getProperties(), jvmOptions));
        cmd.addAll(jvmOptions);
        // a bounded heap: training reads the store memory-mapped and needs little heap, and the JVM's default (a
        // quarter of the machine's memory per child) would let two children and the driver outgrow the machine
        if (jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) cmd.add("-Xmx" + childHeap());
        return List.copyOf(cmd);
    }

    private static Child take(List<String> command) throws IOException {
        List<Child> stale = new ArrayList<>();
        try {
            synchronized (IDLE) {
                Deque<Child> idle = IDLE.getOrDefault(command, new ArrayDeque<>());
                while (!idle.isEmpty()) {
                    Child c = idle.pollFirst();
                    if (c.process.isAlive() && System.currentTimeMillis() - c.idleSince < IDLE_MILLIS) return c;
                    stale.add(c);
                }
            }
        } finally {
            stale.forEach(Child::close);
        }
        Child c = Child.start(command);
        synchronized (IDLE) {
            ALL.add(c);
        }
        return c;
    }

    private static void giveBack(Child c) {
        c.idleSince = System.currentTimeMillis();
        synchronized (IDLE) {
            IDLE.computeIfAbsent(c.command, k -> new ArrayDeque<>()).addFirst(c);
        }
    }

    private static void closeAll() {
        List<Child> all;
        synchronized (IDLE) {
            all = List.copyOf(ALL);
            IDLE.clear();
        }
        all.forEach(Child::destroy);
    }

    private static void forget(Child c) {
        synchronized (IDLE) {
            ALL.remove(c);
        }
    }

    /** The parent's handle on one child: its requests go to the child's input, its output is pumped to a queue. */
    private static final class Child {
        private static final String EOF = new String("end of the child's output");
        final List<String> command;
        final Process process;
        private final Path argfile;
        private final Writer requests;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile long idleSince;

        private Child(List<String> command, Process process, Path argfile) {
            this.command = command;
            this.process = process;
            this.argfile = argfile;
            this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Thread pump = new Thread(this::pump, "affect4j-child-" + process.pid());
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(List<String> command) throws IOException {
            Path argfile = Files.createTempFile("affect4j-fork", ".args");
            try {
                AtomicFiles.writeString(argfile, "-cp\n" + quote(classPath()) + "\n");
                List<String> cmd = new ArrayList<>(command);
                cmd.add("@" + argfile);
                cmd.add(ForkedJvmMain.class.getName());
                cmd.add(argfile.toString()); // the child deletes it once started: nothing is left if this JVM is killed
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
                // executors are not started by the affect4j launcher: give the child this process's kernel settings
                // (the same numbers as here: NumericPath)
                org.affect4j.models.NumericPath.forChild().forEach(pb.environment()::putIfAbsent);
                Process p = pb.start();
                return new Child(command, p, argfile);
            } catch (IOException | RuntimeException e) {
                AtomicFiles.deleteQuietly(argfile);
                throw e;
            }
        }

        private void pump() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
            } catch (IOException e) {
                // the child is gone; EOF below tells the waiting task
            }
            lines.add(EOF);
        }

        Exit call(String task, List<String> args, Path log) throws IOException, InterruptedException {
            List<String> request = new ArrayList<>();
            request.add(task);
            request.addAll(args);
            try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                try {
                    requests.write(JSON.writeValueAsString(request) + "\n");
                    requests.flush();
                } catch (IOException e) {
                    // the child died before reading: its output and exit code say why
                }
                for (String line; (line = lines.take()) != EOF; ) {
                    if (line.startsWith(END)) {
                        out.flush();
                        int code = Integer.parseInt(line.substring(END.length()).trim());
                        return new Exit(code, code == 0 ? "" : lastError(log, "the task failed in the child JVM (see " + log + ")"));
                    }
                    out.write(line);
                    out.write('\n');
                    if (lines.isEmpty()) out.flush();
                }
            }
            int code = process.waitFor();
            return new Exit(code == 0 ? 1 : code, lastError(log, "the child JVM exited with code " + code + " (see " + log + ")"));
        }

        /** Closes the child's input: an idle child exits, a busy one stops at once. */
        void close() {
            try {
                requests.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
            }
            AtomicFiles.deleteQuietly(argfile);
            forget(this);
        }

        void destroy() {
            process.destroyForcibly();
            AtomicFiles.deleteQuietly(argfile);
            forget(this);
        }
    }

    /**
     * This JVM's class path, preceded by the jars of the loader that holds this class when it is not the system one:
     * on a Spark executor the application's jars came with the job ({@code ClusterShipping} of affect4j-spark) and are only in the
     * task's loader, not on {@code java.class.path} (which holds Spark alone).
     */
    static String classPath() {
        java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
        for (ClassLoader l = ForkedJvm.class.getClassLoader(); l != null && l != ClassLoader.getSystemClassLoader(); l = l.getParent()) {
            if (!(l instanceof java.net.URLClassLoader u)) continue;
            for (java.net.URL url : u.getURLs()) {
                if (!"file".equals(url.getProtocol())) continue;
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a local file: the child cannot use it
                }
            }
        }
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) entries.add(e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Argument files treat backslashes and spaces specially: quote the path list. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String lastError(Path log, String otherwise) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error: ")) return lines.get(i).substring(7);
        }
        return otherwise;
    }
}
