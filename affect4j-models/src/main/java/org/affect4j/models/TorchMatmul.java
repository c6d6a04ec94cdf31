package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.util.Arrays;
import java.util.Map;

/**
 * The precision of libtorch's float32 matrix products, which DJL does not expose: PyTorch's
 * {@code torch.set_float32_matmul_precision}, called in the engine's library through JNA. At {@code medium}
 * (our {@link Precision#BFLOAT16}) libtorch hands float32 products to oneDNN, which computes them with bfloat16 inputs
 * and float32 sums on an AMX CPU: the paper-size Transformer trains ~1.7x faster on an AMX Xeon (README,
 * Benchmarks). Elsewhere oneDNN 3.7 computes them in float32, and that is put to use: on a CPU that is not Intel's,
 * MKL (libtorch's default for float32 products) runs its AVX2 kernels only, where oneDNN runs AVX-512 ones, so a
 * float32 run, LSTM or Transformer, training or inference, takes the oneDNN path ({@link #use(Precision)}; 330-370
 * against 165-180 GFLOP/s on an AMD EPYC, {@code GemmCeiling}). A process-wide setting of the engine: the last call
 * wins for every network.
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
    /** Float32 products go to oneDNN (checked by their bits); products with bfloat16 inputs (checked likewise). */
    private static boolean oneDnn, bfloat16;

    private TorchMatmul() {
    }

    /** {@link #use(Precision, boolean)} with float32 products in oneDNN where that pays. */
    public static synchronized boolean use(Precision precision) {
        return use(precision, true);
    }

    /**
     * Sets the products' precision for the rest of the process (the engine must be started, {@link DjlRuntime}).
     * For bfloat16, and for float32 through oneDNN, it also lifts a cap on oneDNN's instruction set
     * ({@code ONEDNN_MAX_CPU_ISA}, e.g. a user's AVX2) while oneDNN has not read it yet; an LSTM in the same process
     * stays right ({@link LstmKernelCheck}).
     *
     * @param allowOneDnn float32 products go to oneDNN where MKL has no AVX-512 kernels for this CPU
     *                    ({@link #oneDnnFloat32()}), checked to stay float32 and to come from oneDNN (which takes
     *                    them only when this is called before the process's first product,
     *                    {@link #float32ThroughOneDnn()}); never with the engine's kernels pinned
     *                    ({@link NumericPath#isPinned()}); false keeps MKL's (benchmarks and tests compare the two)
     * @return whether the products now run in bfloat16 (false for float32, and for bfloat16 on a CPU without AMX or
     *         when oneDNN was capped before this call): checked with a product whose float32 answer bfloat16 inputs
     *         cannot give
     * @throws IllegalArgumentException for {@link Precision#INT8}, which the engine does not train or run in
     * @throws IllegalStateException    when the engine's library lacks the setting (a libtorch other than 1.12 to 2.x)
     */
    public static synchronized boolean use(Precision precision, boolean allowOneDnn) {
        if (precision == Precision.INT8) {
            throw new IllegalArgumentException("the PyTorch engine runs in float32 or bfloat16, not int8");
        }
        oneDnn = false;
        bfloat16 = false;
        if (precision == Precision.BFLOAT16 || allowOneDnn && oneDnnFloat32() && !NumericPath.isPinned()) {
            set(MEDIUM);
            bfloat16 = bfloat16Products();
            if (bfloat16 && precision == Precision.BFLOAT16) return true;
            if (!bfloat16) { // float32 products: oneDNN's, or MKL's where oneDNN read its AVX2 cap at an earlier product
                float[] medium = probeProduct();
                set(HIGHEST);
                oneDnn = !Arrays.equals(medium, probeProduct());
                if (oneDnn) set(MEDIUM);
                return false;
            }
            bfloat16 = false; // a float32 run, and this CPU's oneDNN rounds to bfloat16: MKL's products, as below
        }
        if (current != HIGHEST) set(HIGHEST); // libtorch's default: no need to load anything when it is in force
        return false;
    }

    /** Whether float32 products go to oneDNN now (the last {@link #use(Precision, boolean)} engaged it). */
    public static synchronized boolean float32ThroughOneDnn() {
        return oneDnn;
    }

    /** How the engine computes float32 matrix products now, for {@code run.json}: e.g. {@code float32 (oneDNN)}. */
    public static synchronized String describe() {
        return bfloat16 ? "bfloat16 inputs, float32 sums (oneDNN)" : oneDnn ? "float32 (oneDNN)" : "float32 (MKL)";
    }

    /** A fixed 64 x 256 x 64 float32 product whose sums round differently in MKL and in oneDNN. */
    private static float[] probeProduct() {
        float[] a = new float[64 * 256];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < a.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            a[i] = (x >>> 40) / (float) (1 << 24) - 0.5f;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray left = m.create(a, new Shape(64, 256));
            return left.matMul(left.transpose().mul(3f)).toFloatArray();
        }
    }

    /** Sets the engine's precision and reads it back (medium lifts oneDNN's cap first); true for medium. */
    private static boolean set(int want) {
        if (want == MEDIUM) uncapOneDnn();
        Pointer context = (Pointer) LibTorch.function(CONTEXT).invoke(Pointer.class, new Object[0]);
        LibTorch.function(SET).invokeVoid(new Object[] {context, want});
        current = LibTorch.function(GET).invokeInt(new Object[] {context});
        if (current != want) {
            throw new IllegalStateException("the PyTorch engine kept matrix product precision " + current + ", asked " + want);
        }
        return want == MEDIUM;
    }

    /**
     * Whether float32 products are faster through oneDNN than through MKL on this CPU: one with AVX-512 that is not
     * Intel's (MKL picks its kernels by vendor and runs its AVX2 ones elsewhere; oneDNN picks by instruction set).
     */
    public static boolean oneDnnFloat32() {
        Map<String, String> cpu = NumericPath.cpuInfo();
        return !"GenuineIntel".equals(cpu.get("vendor_id")) && NumericPath.hasFlag(cpu, "avx512f");
    }

    /** An AVX2 (or other) cap on oneDNN's instruction set, lifted in this process's environment before oneDNN reads it. */
    private static void uncapOneDnn() {
        String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
        if (cap == null || cap.equalsIgnoreCase("ALL")) return;
        NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {"ONEDNN_MAX_CPU_ISA", "ALL", 1});
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

    /**
     * Whether this CPU has the units oneDNN computes float32 products in bfloat16 on (AMX): without them bfloat16
     * products stay float32 (measured on an AMD EPYC with AVX-512 BF16 and no AMX: oneDNN 3.7.1 kept them float32).
     */
    public static boolean hardware() {
        return NumericPath.hasFlag(NumericPath.cpuInfo(), "amx_bf16");
    }
}
