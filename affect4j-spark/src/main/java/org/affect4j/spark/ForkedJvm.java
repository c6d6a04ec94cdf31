package org.affect4j.spark;

import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class of this class path in a child JVM and waits for it.
 *
 * <p>Why a child process: the DJL/PyTorch engine keeps its random generator and its thread count per process, so
 * two trainings sharing one JVM (two Spark workers in {@code local[2]}) would draw from one generator in an
 * interleaved order and lose same-seed-same-result; a native crash would also take every other task down. A child
 * per task gives each its own engine, seed stream and thread budget.
 *
 * <p>The class path goes through an {@code @argfile}: long {@code -cp} command lines crashed ONNX Runtime's loader
 * (STACK.md). The child's standard error is appended to {@code log}; its last line starting with {@code error: }
 * becomes the failure reason.
 */
public final class ForkedJvm {
    /** A child that ended. */
    public record Exit(int code, String errorLine) {
    }

    private final List<String> jvmOptions;

    /** @param jvmOptions extra options, e.g. {@code -Dai.djl.pytorch.num_threads=1} */
    public ForkedJvm(List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Runs {@code mainClass args...} and waits.
     *
     * @param log file that receives the child's standard output and error (appended)
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if this thread is interrupted (the child is then destroyed)
     */
    public Exit run(String mainClass, List<String> args, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path argfile = Files.createTempFile("affect4j-fork", ".args");
        try {
            AtomicFiles.writeString(argfile, "-cp\n" + quote(System.getProperty("java.class.path")) + "\n");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // the child sees the same affect4j locations (models, data) as this JVM
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("affect4j."))
                    .filter(k -> jvmOptions.stream().noneMatch(o -> o.startsWith("-D" + k + "=")))
                    .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
            cmd.addAll(jvmOptions);
            cmd.add("@" + argfile);
            cmd.add(mainClass);
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                int code = p.waitFor();
                return new Exit(code, code == 0 ? "" : lastError(log, code));
            } finally {
                if (p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
                }
            }
        } finally {
            AtomicFiles.deleteQuietly(argfile);
        }
    }

    /** Argument files treat backslashes and spaces specially: quote the path list. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String lastError(Path log, int code) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error: ")) return lines.get(i).substring(7);
        }
        return "the child JVM exited with code " + code + " (see " + log + ")";
    }

    /** The options that give a child {@code threads} engine threads (DJL/PyTorch and ONNX Runtime). */
    public static List<String> threadOptions(int threads) {
        return List.of("-Dai.djl.pytorch.num_threads=" + threads, "-Dai.djl.pytorch.num_interop_threads=1",
                "-Daffect4j.threads=" + threads, "-Dai.djl.offline=true", "-Djava.awt.headless=true");
    }
}
