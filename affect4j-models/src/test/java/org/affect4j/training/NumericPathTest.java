package org.affect4j.training;

import org.affect4j.models.NumericPath;
import org.affect4j.models.TorchMatmul;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pinned kernels give the same trained network on a CPU with AVX-512 and on one with only AVX2; unpinned they do
 * not, though an unpinned run repeats itself on one CPU. Each training runs in a JVM of its own, as the variables are read when the engine's libraries load; an AVX2
 * CPU is stood in for by limiting MKL to AVX2 ({@code MKL_ENABLE_INSTRUCTIONS}) and ATen to its AVX2 kernels.
 */
class NumericPathTest {
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void store() throws IOException {
        SyntheticStore.write(dir, 8, 4);
        // wide enough that the kernels' vector widths change the order of the sums
        String json = Files.readString(SyntheticStore.config(dir, "transformer", ", \"maxStepsPerEpoch\": 3"))
                .replace("\"width\": 16", "\"width\": 64").replace("\"feedForward\": 24", "\"feedForward\": 128");
        config = dir.resolve("wide.json");
        Files.writeString(config, json);
    }

    @Test
    void thePinnedVariablesAndWhatAChildGets() {
        assertEquals("ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2 ONEDNN_MAX_CPU_ISA=AVX2", NumericPath.describe(NumericPath.PINNED));
        assertTrue(NumericPath.isPinned(), "the Maven test configuration pins the kernels: " + NumericPath.describe());
        assertEquals("ATEN_CPU_CAPABILITY unset MKL_CBWR unset ONEDNN_MAX_CPU_ISA unset", NumericPath.describe(Map.of()));
        assertFalse(NumericPath.isPinned(Map.of("ATEN_CPU_CAPABILITY", "avx2", "MKL_CBWR", "AVX2")));
        // a child computes as its parent: the parent's settings where set, nothing else (an LSTM is right under any
        // oneDNN kernel, LstmKernelCheckTest)
        assertEquals(Map.of(), NumericPath.forChild(Map.of("PATH", "/bin")));
        assertEquals(NumericPath.PINNED, NumericPath.forChild(NumericPath.PINNED));
        assertEquals(Map.of("MKL_CBWR", "COMPATIBLE", "ONEDNN_MAX_CPU_ISA", "AVX512_CORE"),
                NumericPath.forChild(Map.of("MKL_CBWR", "COMPATIBLE", "ONEDNN_MAX_CPU_ISA", "AVX512_CORE")));
    }

    @Test
    void pinnedTrainingGivesTheSameBitsWithAvx2OnlyAndUnpinnedItDoesNot() throws Exception {
        Assumptions.assumeTrue(NumericPath.cpu().endsWith("(avx512f)"), "needs a CPU with AVX-512 to stand in for two CPUs");
        Map<String, String> avx2Cpu = Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2", "ATEN_CPU_CAPABILITY", "avx2");
        byte[] pinnedHere = train("pinned-avx512", Map.of(), List.of());
        byte[] pinnedAvx2 = train("pinned-avx2", Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2"), List.of());
        assertArrayEquals(pinnedHere, pinnedAvx2, "pinned: the same parameters whatever the CPU");
        List<String> unpin = List.of("ATEN_CPU_CAPABILITY", "MKL_CBWR");
        byte[] freeHere = train("free-avx512", Map.of(), unpin);
        // unpinned runs take the faster paths (dropout masks drawn in Java, libtorch's fused Adam): still repeatable
        assertArrayEquals(freeHere, train("free-avx512-again", Map.of(), unpin), "unpinned: the same run twice, the same parameters");
        byte[] freeAvx2 = train("free-avx2", avx2Cpu, List.of("MKL_CBWR"));
        assertFalse(Arrays.equals(freeHere, freeAvx2), "unpinned, the two CPUs' kernels should give other parameters");
        // run.json says which library computed the products: oneDNN for an unpinned Transformer where MKL lacks AVX-512
        assertEquals("float32 (MKL)", products("pinned-avx512"));
        assertEquals(TorchMatmul.oneDnnFloat32() ? "float32 (oneDNN)" : "float32 (MKL)", products("free-avx512"));
    }

    private static String products(String run) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(run).resolve("run.json").toFile())
                .path("software").path("matrixProducts").asText();
    }

    /** Trains the config in a JVM of its own with {@code set} added to and {@code unset} removed from the environment. */
    private static byte[] train(String name, Map<String, String> set, List<String> unset) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=2", "-Dai.djl.pytorch.num_interop_threads=1",
                Child.class.getName(), config.toString(), out.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(set);
        unset.forEach(pb.environment()::remove);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), name + " failed:\n" + log);
        return Files.readAllBytes(out.resolve("checkpoints/epoch-0001/model.params"));
    }

    /** The child: one training run. */
    public static final class Child {
        public static void main(String[] args) {
            Training.run(Path.of(args[0]), Path.of(args[1]), TrainingListener.NONE);
        }
    }
}
