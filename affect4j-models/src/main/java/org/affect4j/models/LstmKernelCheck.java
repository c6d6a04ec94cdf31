package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which LSTM sizes the engine's native inference kernel gets right in this JVM. PyTorch 2.x runs {@code nn.LSTM} on
 * the CPU through oneDNN, and the oneDNN 3.7.1 bundled with pytorch-native-cpu 2.7.1 picks an f32 inference kernel
 * ({@code brgemm:avx512_core}, {@code forward_inference}) on AVX-512 CPUs that returns wrong outputs and states
 * whenever the hidden size H has {@code H mod 32} in 1..16 (H = 8, 16, 33, 48, 100, 400, ...; measured for H = 1 to 69
 * and up to 1024, inputs of 3 to 1500 values, batches of 1 to 32, one and two layers: H alone decides). Its training
 * kernel is right for every H (outputs and gradients within float rounding of the AVX2 kernel's), and so is its
 * AVX2 kernel. Capping oneDNN at AVX2 for every process (what affect4j did before) cost every LSTM its AVX-512 speed,
 * the paper's H = 512 included; instead {@link LstmModel} asks here, before an inference pass, whether the kernel is
 * right for its sizes, and where it is not runs the pass through the kernel of a larger LSTM whose added units are
 * inert (a size asked here too), or from the LSTM equations.
 *
 * <p>The answer comes from running a small LSTM of those sizes (2 sequences of 4 steps) against a plain-Java
 * computation, once per size and JVM: oneDNN reads its instruction-set cap ({@code ONEDNN_MAX_CPU_ISA}) once, at its
 * first primitive, so the kernel a size gets does not change afterwards.
 */
public final class LstmKernelCheck {
    static final String ENV = "ONEDNN_MAX_CPU_ISA";
    private static final int B = 2;
    private static final int T = 4;
    private static final Map<List<Integer>, Boolean> RIGHT = new ConcurrentHashMap<>();

    private LstmKernelCheck() {
    }

    /** Whether the engine's LSTM inference of hidden size {@code hidden} over {@code input} values is right here. */
    public static boolean inferenceRight(int hidden, int input) {
        return RIGHT.computeIfAbsent(List.of(hidden, input), k -> error(hidden, input) < 1e-4);
    }

    /** Largest difference between the engine's LSTM inference and the LSTM equations on a small input of these sizes. */
    static double error(int hidden, int input) {
        // weights scaled so that a gate's sum stays of order 1 at any size: float rounding stays near 1e-6, where a
        // wrong kernel is off by 0.1 and more
        double scale = 1 / Math.sqrt(input + hidden + 1.0);
        float[] wih = values(4 * hidden * input, 0.37, scale);
        float[] whh = values(4 * hidden * hidden, 0.71, scale);
        float[] bih = values(4 * hidden, 0.13, scale);
        float[] bhh = values(4 * hidden, 0.29, scale);
        float[] x = values(B * T * input, 0.53, 1);
        float[] h0 = values(B * hidden, 0.91, 1);
        float[] c0 = values(B * hidden, 0.17, 1);
        float[] y;
        try (NDManager m = NDManager.newBaseManager()) {
            LSTM lstm = LSTM.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).optReturnState(true).build();
            // constant initial values: drawing random ones would move the engine's seeded generator
            lstm.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
            lstm.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
            lstm.initialize(m, DataType.FLOAT32, new Shape(B, T, input));
            for (Pair<String, Parameter> p : lstm.getParameters()) {
                String k = p.getKey();
                NDArray a = p.getValue().getArray();
                a.set(k.endsWith("i2h_WEIGHT") ? wih : k.endsWith("h2h_WEIGHT") ? whh : k.endsWith("i2h_BIAS") ? bih : bhh);
            }
            NDList out = lstm.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(B, T, input)),
                    m.create(h0, new Shape(1, B, hidden)), m.create(c0, new Shape(1, B, hidden))), false);
            y = out.head().toFloatArray();
        }
        double[] ref = reference(wih, whh, bih, bhh, x, h0, c0, hidden, input);
        double diff = 0;
        for (int i = 0; i < ref.length; i++) diff = Math.max(diff, Math.abs(ref[i] - y[i]));
        return diff;
    }

    /** Outputs y [B, T, H] of one PyTorch LSTM layer (gates i, f, g, o), in double precision. */
    static double[] reference(float[] wih, float[] whh, float[] bih, float[] bhh, float[] x, float[] h0, float[] c0,
                              int H, int IN) {
        double[] y = new double[B * T * H];
        for (int b = 0; b < B; b++) {
            double[] h = new double[H];
            double[] c = new double[H];
            for (int j = 0; j < H; j++) {
                h[j] = h0[b * H + j];
                c[j] = c0[b * H + j];
            }
            for (int t = 0; t < T; t++) {
                double[] g = new double[4 * H];
                for (int r = 0; r < 4 * H; r++) {
                    double s = bih[r] + bhh[r];
                    for (int k = 0; k < IN; k++) s += wih[r * IN + k] * x[(b * T + t) * IN + k];
                    for (int k = 0; k < H; k++) s += whh[r * H + k] * h[k];
                    g[r] = s;
                }
                for (int j = 0; j < H; j++) {
                    c[j] = sigmoid(g[H + j]) * c[j] + sigmoid(g[j]) * Math.tanh(g[2 * H + j]);
                    h[j] = sigmoid(g[3 * H + j]) * Math.tanh(c[j]);
                    y[(b * T + t) * H + j] = h[j];
                }
            }
        }
        return y;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Deterministic values in (-scale, scale): no random generator, so the check does not disturb the engine's seed. */
    private static float[] values(int n, double phase, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (scale * Math.sin(1.7 * i + phase * 10));
        return v;
    }
}
