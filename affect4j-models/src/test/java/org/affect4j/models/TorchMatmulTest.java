package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's matrix products follow {@link TorchMatmul}, in a fresh JVM started as the launcher starts one (oneDNN
 * capped at AVX2): bfloat16 products differ from float32 ones by bfloat16's rounding on a CPU with bfloat16 units
 * (and stay float32 without them), and float32 afterwards gives the float32 products again, bit for bit.
 */
class TorchMatmulTest {
    @Test
    void bfloat16ProductsAreCloseAndFloat32ComesBackExactly() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", Probe.class.getName());
        pb.environment().put("ONEDNN_MAX_CPU_ISA", "AVX2");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println("probe: " + last);
        String[] f = last.split(" ");
        boolean engaged = Boolean.parseBoolean(f[0]);
        double worst = Double.parseDouble(f[1]), scale = Double.parseDouble(f[2]);
        assertTrue(Boolean.parseBoolean(f[3]), "float32 again after bfloat16, bit for bit\n" + out);
        assertEquals(TorchMatmul.hardware(), engaged, "bfloat16 products exactly where the CPU has bfloat16 units\n" + out);
        if (engaged) {
            // 8 significant bits: sums of 512 products move by ~1e-3 of their size, neither 0 nor 1e-1
            assertTrue(worst > 1e-5 * scale && worst < 2e-2 * scale, "max diff " + worst + " of " + scale);
        } else {
            assertEquals(0, worst, "float32 products where bfloat16 is not engaged");
        }
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
                m.getEngine().setRandomSeed(3);
                NDArray x = m.randomNormal(new Shape(256, 512));
                NDArray w = m.randomNormal(new Shape(512, 256));
                // before the first product, as Training sets it: oneDNN reads its instruction set cap then
                boolean engaged = TorchMatmul.use(Precision.BFLOAT16);
                float[] approx = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.FLOAT32);
                float[] exact = x.matMul(w).toFloatArray();
                TorchMatmul.use(Precision.BFLOAT16);
                TorchMatmul.use(Precision.FLOAT32);
                boolean again = Arrays.equals(exact, x.matMul(w).toFloatArray());
                double worst = 0, scale = 0;
                for (int i = 0; i < exact.length; i++) {
                    worst = Math.max(worst, Math.abs(exact[i] - approx[i]));
                    scale = Math.max(scale, Math.abs(exact[i]));
                }
                System.out.println(engaged + " " + worst + " " + scale + " " + again);
            }
        }
    }
}
