package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's matrix products follow {@link TorchMatmul}, in a fresh JVM with oneDNN capped at AVX2 (as a user may cap
 * it; the launcher no longer does): bfloat16 products differ from float32 ones by bfloat16's rounding on a CPU with AMX (and stay
 * float32 without), and float32 afterwards gives the float32 products again, bit for bit; a float32 run (LSTM or
 * Transformer) computes its products through oneDNN where MKL lacks AVX-512 kernels, in float32.
 */
class TorchMatmulTest {
    @Test
    void bfloat16ProductsAreCloseAndFloat32ComesBackExactly() throws Exception {
        String[] f = child(Probe.class, Map.of());
        boolean engaged = Boolean.parseBoolean(f[0]);
        double worst = Double.parseDouble(f[1]), scale = Double.parseDouble(f[2]);
        assertTrue(Boolean.parseBoolean(f[3]), "float32 again after bfloat16, bit for bit");
        assertEquals(TorchMatmul.hardware(), engaged, "bfloat16 products exactly where the CPU has AMX");
        if (engaged) {
            // 8 significant bits: sums of 512 products move by ~1e-3 of their size, neither 0 nor 1e-1
            assertTrue(worst > 1e-5 * scale && worst < 2e-2 * scale, "max diff " + worst + " of " + scale);
        } else {
            // float32 products, from oneDNN where it took them (another summation order) or from MKL
            assertTrue(worst < 1e-5 * scale, "float32 products where bfloat16 is not engaged: max diff " + worst + " of " + scale);
        }
    }

    @Test
    void float32ProductsGoToOneDnnWhereMklLacksAvx512() throws Exception {
        Map<String, String> unpinned = new HashMap<>();
        unpinned.put("ATEN_CPU_CAPABILITY", null);
        unpinned.put("MKL_CBWR", null);
        String[] f = child(OneDnnProbe.class, unpinned);
        double worst = Double.parseDouble(f[0]), scale = Double.parseDouble(f[1]);
        assertEquals(TorchMatmul.oneDnnFloat32(), Boolean.parseBoolean(f[2]), "oneDNN engaged where MKL lacks AVX-512");
        if (TorchMatmul.oneDnnFloat32()) {
            // another library summed them: not bit for bit MKL's, but float32 (bfloat16 inputs would move them ~1e-3)
            assertTrue(worst > 0 && worst < 1e-5 * scale, "oneDNN's float32 products: max diff " + worst + " of " + scale);
        } else {
            assertEquals(0, worst, "MKL's products where it has this CPU's widest kernels");
        }
        // after a first product oneDNN has read its AVX2 cap and declines them: MKL's products, and said so
        assertEquals("false 0.0", f[3] + " " + f[4], "oneDNN set up before the call");
    }

    /** Runs a probe in a JVM with oneDNN capped at AVX2 (as a user or the pinned path caps it; environment changes: null removes) and returns its last line's fields. */
    private static String[] child(Class<?> probe, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"));
        all.putAll(env);
        return ChildJvm.lastLine(probe, all).split(" ");
    }

    @Test
    void int8IsNotAnEnginePrecision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchMatmul.use(Precision.INT8));
        assertTrue(e.getMessage().contains("float32 or bfloat16"), e.getMessage());
    }

    /** The child: prints "engaged maxDiff maxValue float32Again". */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            DjlRuntime.start(2);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = operand(m, 256, 512), w = operand(m, 512, 256);
                // before the first product, as Training sets it: oneDNN reads its instruction set cap then
                boolean engaged = TorchMatmul.use(Precision.BFLOAT16);
                float[] approx = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.FLOAT32);
                float[] exact = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.BFLOAT16);
                TorchMatmul.use(Precision.FLOAT32);
                boolean again = Arrays.equals(exact, x.matMul(w).toFloatArray());
                System.out.println(engaged + " " + maxDiffAndScale(exact, approx) + " " + again);
            }
        }
    }

    /**
     * The child: prints "maxDiff maxValue engaged" between a float32 run's products and MKL's, then
     * "engaged maxDiff" for a second JVM state: the same call made after a product.
     */
    public static final class OneDnnProbe {
        public static void main(String[] args) throws Exception {
            DjlRuntime.start(2);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = operand(m, 256, 512), w = operand(m, 512, 256);
                TorchMatmul.use(Precision.FLOAT32);
                boolean engaged = TorchMatmul.float32ThroughOneDnn();
                float[] oneDnn = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.FLOAT32, false);
                String mkl = maxDiffAndScale(x.matMul(w).toFloatArray(), oneDnn);
                // a JVM whose first product came before the call (oneDNN reads its cap then; this JVM lifted its own)
                System.out.println(mkl + " " + engaged + " " + String.join(" ", child(LateProbe.class, Map.of())));
            }
        }
    }

    /** The child's child: prints "engaged maxDiff" for a call made after the process's first product. */
    public static final class LateProbe {
        public static void main(String[] args) {
            DjlRuntime.start(2);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = operand(m, 256, 512), w = operand(m, 512, 256);
                float[] mkl = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.FLOAT32);
                float[] late = x.matMul(w).toFloatArray();
                double worst = 0;
                for (int i = 0; i < mkl.length; i++) worst = Math.max(worst, Math.abs(mkl[i] - late[i]));
                System.out.println(TorchMatmul.float32ThroughOneDnn() + " " + worst);
            }
        }
    }

    /** A probe's operand: the same random matrix in every child JVM (seeded by its shape). */
    private static NDArray operand(NDManager m, int rows, int columns) {
        m.getEngine().setRandomSeed(rows * 31 + columns);
        return m.randomNormal(new Shape(rows, columns));
    }

    private static String maxDiffAndScale(float[] exact, float[] other) {
        double worst = 0, scale = 0;
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(exact[i] - other[i]));
            scale = Math.max(scale, Math.abs(exact[i]));
        }
        return worst + " " + scale;
    }
}
