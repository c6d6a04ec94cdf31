package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The precision of libtorch's float32 matrix products, which DJL does not expose: PyTorch's
 * {@code torch.set_float32_matmul_precision}, called in the engine's library through JNA. At {@code medium}
 * (our {@link Precision#BFLOAT16}) libtorch hands float32 products to oneDNN with bfloat16 inputs and float32 sums,
 * which run on the CPU's AMX or AVX-512 BF16 units: the paper-size Transformer trains ~1.7x faster on an AMX Xeon
 * (README, Benchmarks). A process-wide setting of the engine: the last call wins for every network.
 */
public final class TorchMatmul {
    /** {@code at::Float32MatmulPrecision}: HIGHEST, HIGH, MEDIUM. */
    private static final int HIGHEST = 0;
    private static final int MEDIUM = 2;
    private static final String CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET = "_ZN2at7Context25setFloat32MatmulPrecisionENS_22Float32MatmulPrecisionE";
    private static final String GET = "_ZNK2at7Context22float32MatmulPrecisionEv";
    /** The setting as last read back from the engine. */
    private static int current = HIGHEST;

    private TorchMatmul() {
    }

    /**
     * Sets the products' precision for the rest of the process (the engine must be started, {@link DjlRuntime}).
     * For bfloat16 it also lifts a cap on oneDNN's instruction set ({@code ONEDNN_MAX_CPU_ISA}, which the launcher
     * sets to AVX2 because oneDNN's AVX-512 LSTM kernel is wrong for some sizes) while oneDNN has not read it yet, so
     * keep bfloat16 to Transformer networks.
     *
     * @return whether the products now run in bfloat16 (false for float32, and for bfloat16 on a CPU without
     *         bfloat16 units or when oneDNN was capped before this call): checked with a product whose float32
     *         answer bfloat16 inputs cannot give
     * @throws IllegalArgumentException for {@link Precision#INT8}, which the engine does not train or run in
     * @throws IllegalStateException    when the engine's library lacks the setting (a libtorch other than 1.12 to 2.x)
     */
    public static synchronized boolean use(Precision precision) {
        if (precision == Precision.INT8) {
            throw new IllegalArgumentException("the PyTorch engine runs in float32 or bfloat16, not int8");
        }
        int want = precision == Precision.BFLOAT16 ? MEDIUM : HIGHEST;
        if (want == HIGHEST && current == HIGHEST) return false; // libtorch's default: no need to load anything
        if (want == MEDIUM) uncapOneDnn();
        Pointer context = (Pointer) LibTorch.function(CONTEXT).invoke(Pointer.class, new Object[0]);
        LibTorch.function(SET).invokeVoid(new Object[] {context, want});
        current = LibTorch.function(GET).invokeInt(new Object[] {context});
        if (current != want) {
            throw new IllegalStateException("the PyTorch engine kept matrix product precision " + current + ", asked " + want);
        }
        return want == MEDIUM && bfloat16Products();
    }

    /** An AVX2 (or other) cap on oneDNN's instruction set, lifted in this process's environment before oneDNN reads it. */
    private static void uncapOneDnn() {
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        if (cap == null || cap.equalsIgnoreCase("ALL")) return;
        NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {"ONEDNN_MAX_CPU_ISA", "ALL", 1});
        LstmKernelCheck.invalidate(); // an LSTM later in this JVM is checked again (and refused if its kernel is wrong)
    }

    /**
     * Whether products run in bfloat16 now: 1 + 2^-10 is not a bfloat16 (8 significant bits), so 32 of them summed
     * give 32.03125 in float32 and 32 from bfloat16 inputs.
     */
    private static boolean bfloat16Products() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.full(new Shape(32, 32), 1f + 0x1p-10f);
            return a.matMul(m.ones(new Shape(32, 32))).getFloat(0, 0) == 32f;
        }
    }

    /** Whether this CPU has bfloat16 units (AMX or AVX-512 BF16); without them bfloat16 products stay float32. */
    public static boolean hardware() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    String flags = " " + line.toLowerCase(Locale.ROOT) + " ";
                    return flags.contains(" amx_bf16 ") || flags.contains(" avx512_bf16 ");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
