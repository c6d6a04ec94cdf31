package org.affect4j.models;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a test's probe in a fresh JVM on this class path: the engine reads its kernel settings (ONEDNN_MAX_CPU_ISA,
 * ATEN_CPU_CAPABILITY, MKL_CBWR) once per process, so a test of another setting than the Maven test configuration's
 * pinned one needs a process of its own.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The environment change that starts a JVM as the launcher starts {@code train}, {@code evaluate} or {@code predict}: kernels not pinned. */
    public static Map<String, String> unpinned() {
        Map<String, String> env = new HashMap<>();
        for (String k : NumericPath.PINNED.keySet()) env.put(k, null);
        return env;
    }

    /**
     * Runs {@code main} with {@code args} and the environment changed by {@code env} (a null value removes the
     * variable), requires exit code 0 and returns the last line it printed (also echoed, for the test log).
     */
    public static String lastLine(Class<?> main, Map<String, String> env, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", main.getName()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(main.getSimpleName() + ": " + last);
        return last;
    }
}
