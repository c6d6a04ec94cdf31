package org.affect4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The engine's numeric path: which CPU kernels PyTorch's libraries pick. Left to themselves they pick by the CPU's
 * instruction set (and a float32 run hands its products to oneDNN on a CPU that is not Intel's,
 * {@link TorchMatmul}), and the kernels round differently, so the same run trained on an AVX-512 machine and on an AVX2
 * machine drifts apart from its first step (the voice recipe's Transformer: validation macro-F1 0.1934 against 0.1939
 * after one epoch, 0.469 against 0.474 at its best epoch; README "Reproducible training"). Pinned to the AVX2 kernels
 * of ATen, MKL (its conditional numerical reproducibility branch) and oneDNN ({@link #PINNED}), a run gives the same
 * parameters bit for bit on every x86-64 CPU with AVX2 ({@code NumericPathTest}), at a price on an AVX-512 CPU: ~26 %
 * of the paper-size Transformer's training speed (the default model's small one: ~5 %). So the {@code affect4j}
 * launcher pins them for {@code build-default-model} (the shipped model must be rebuilt anywhere) and leaves
 * {@code train} to pick (an LSTM is right under either oneDNN kernel: {@link LstmKernelCheck}). The variables are read
 * once when the native libraries load, so a JVM
 * cannot set them for itself: forked training JVMs and Spark executors get this process's ({@link #forChild()}),
 * {@code run.json} records what a run had ({@link #describe()}, {@link #cpu()}) and {@code reproduce} says when
 * they differ.
 */
public final class NumericPath {
    /** The environment that pins the kernels; the thread count must match too (the launcher's 2 by default). */
    public static final Map<String, String> PINNED = pinned();

    private NumericPath() {
    }

    private static Map<String, String> pinned() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ATEN_CPU_CAPABILITY", "avx2");
        m.put("MKL_CBWR", "AVX2");
        m.put(LstmKernelCheck.ENV, "AVX2");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * What a training process started by this one (a forked JVM, a Spark executor) needs to compute as this one does:
     * this process's value of each variable that is set.
     */
    public static Map<String, String> forChild() {
        return forChild(System.getenv());
    }

    public static Map<String, String> forChild(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : PINNED.keySet()) if (env.containsKey(k)) out.put(k, env.get(k));
        return out;
    }

    /** This process's pinning variables, {@code NAME=value} each ({@code NAME unset} where absent), in a fixed order. */
    public static String describe() {
        return describe(System.getenv());
    }

    public static String describe(Map<String, String> env) {
        StringJoiner j = new StringJoiner(" ");
        for (String k : PINNED.keySet()) j.add(env.containsKey(k) ? k + "=" + env.get(k) : k + " unset");
        return j.toString();
    }

    /** True when every pinning variable has its pinned value. */
    public static boolean isPinned() {
        return isPinned(System.getenv());
    }

    public static boolean isPinned(Map<String, String> env) {
        return PINNED.entrySet().stream().allMatch(e -> e.getValue().equalsIgnoreCase(env.getOrDefault(e.getKey(), "")));
    }

    /**
     * The CPU's model name and the widest vector instruction set it has ({@code /proc/cpuinfo}: {@code avx512f},
     * {@code avx2} or neither), or the architecture where that is not readable.
     */
    public static String cpu() {
        Map<String, String> info = cpuInfo();
        String name = info.get("model name");
        if (name == null) return System.getProperty("os.arch"); // not Linux, or not readable
        return name + " (" + (hasFlag(info, "avx512f") ? "avx512f" : hasFlag(info, "avx2") ? "avx2" : "no avx2") + ")";
    }

    /** The first processor's fields of {@code /proc/cpuinfo} up to its {@code flags} (empty where unreadable). */
    static Map<String, String> cpuInfo() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon).trim();
                out.putIfAbsent(key, line.substring(colon + 1).trim());
                if (key.equals("flags")) break;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: nothing known
        }
        return out;
    }

    /** Whether {@link #cpuInfo()}'s flags hold {@code flag} (e.g. {@code avx512f}). */
    static boolean hasFlag(Map<String, String> cpuInfo, String flag) {
        return (" " + cpuInfo.getOrDefault("flags", "") + " ").contains(" " + flag + " ");
    }
}
