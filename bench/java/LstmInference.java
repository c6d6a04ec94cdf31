import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.LstmModel;

/**
 * LSTM inference speed for a hidden size whose native (oneDNN) inference kernel is right on this CPU and one whose
 * kernel is wrong on AVX-512 CPUs (H mod 32 in 1..16), which LstmModel then runs through the kernel of a larger LSTM
 * whose added units are inert (LstmKernelCheck; the path is printed): frames per second of batches of 8 segments x 128 steps over 512 inputs, one layer, three
 * alternating rounds of 3 s each. Run it as the launcher runs commands (oneDNN not capped):
 *   java -cp "affect4j-cli/target/lib/*" bench/java/LstmInference.java [HIDDEN_RIGHT HIDDEN_WRONG]   (default 512 496)
 */
public class LstmInference {
    public static void main(String[] a) throws Exception {
        DjlRuntime.start(2);
        int[] sizes = a.length == 2 ? new int[] {Integer.parseInt(a[0]), Integer.parseInt(a[1])} : new int[] {512, 496};
        for (int round = 0; round < 3; round++) {
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
                    System.out.printf("round %d, hidden %d: %.0f frames/s (%s)%n", round, hidden, n * 8 * 128 / s,
                            model.inferencePath(512));
                }
            }
        }
    }
}
