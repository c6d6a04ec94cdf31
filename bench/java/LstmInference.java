import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.LstmModel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * LSTM inference speed for a hidden size whose native (oneDNN) inference kernel is right on this CPU and one whose
 * kernel is wrong on AVX-512 CPUs (H mod 32 in 1..16), which LstmModel then runs through the kernel of a larger LSTM
 * whose added units are inert (LstmKernelCheck; the path is printed), each beside the reference measured in the same
 * run: the same sizes in a JVM with oneDNN capped at AVX2 (what the launcher did before session 49, where every size
 * took a right kernel). Frames per second of batches of 8 segments x 128 steps over 512 inputs, one layer, three rounds
 * of 3 s per size, alternating the two JVMs:
 *   java -cp "affect4j-cli/target/lib/*" bench/java/LstmInference.java [HIDDEN_RIGHT HIDDEN_WRONG]   (default 512 496)
 */
public class LstmInference {
    /** Run from the repository root, as the usage line says. */
    private static final String SOURCE = "bench/java/LstmInference.java";

    public static void main(String[] a) throws Exception {
        String right = a.length == 2 ? a[0] : "512", wrong = a.length == 2 ? a[1] : "496";
        if (a.length == 3) { // a child: one round of the two sizes
            measure(new int[] {Integer.parseInt(a[0]), Integer.parseInt(a[1])});
            return;
        }
        for (int round = 0; round < 3; round++) {
            for (String cap : new String[] {null, "AVX2"}) {
                // this source file again, in a child JVM whose oneDNN reads the cap (it reads it once per process)
                ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true", SOURCE, right, wrong, "child"));
                pb.environment().remove("ONEDNN_MAX_CPU_ISA");
                if (cap != null) pb.environment().put("ONEDNN_MAX_CPU_ISA", cap);
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) throw new IllegalStateException(out);
                for (String line : out.lines().filter(l -> l.startsWith("hidden")).toList()) {
                    System.out.printf("round %d, %s: %s%n", round, cap == null ? "oneDNN's own kernels (the launcher now)"
                            : "oneDNN capped at AVX2 (before, the reference)", line);
                }
            }
        }
    }

    private static void measure(int[] sizes) {
        DjlRuntime.start(2);
        for (int hidden : sizes) {
            try (NDManager m = NDManager.newBaseManager()) {
                LstmModel model = new LstmModel(hidden, 1, 0f);
                model.initialize(m, DataType.FLOAT32, new Shape(8, 128, 512), new Shape(8, 128));
                NDArray x = m.randomNormal(new Shape(8, 128, 512));
                ParameterStore ps = new ParameterStore(m, false);
                long t0 = System.nanoTime();
                int n = 0;
                while (System.nanoTime() - t0 < 3e9) {
                    try (NDManager batch = m.newSubManager()) {
                        NDArray xs = x.duplicate();
                        xs.attach(batch);
                        model.forward(ps, new NDList(xs, batch.ones(new Shape(8, 128))), false).get(0).toFloatArray();
                        n++;
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("hidden %d: %.0f frames/s (%s)%n", hidden, n * 8 * 128 / s, model.inferencePath(512));
            }
        }
    }
}
