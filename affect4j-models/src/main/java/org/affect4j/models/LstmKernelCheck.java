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

/**
 * Guards against a wrong native LSTM kernel: PyTorch 2.x runs {@code nn.LSTM} on the CPU through oneDNN, and the
 * oneDNN 3.7.1 bundled with pytorch-native-cpu 2.7.1 picks an f32 inference kernel ({@code brgemm:avx512_core},
 * {@code forward_inference}) on AVX-512 CPUs that returns wrong outputs and states whenever the hidden size H has
 * {@code H mod 32} in 1..16 (H = 8, 16, 33, 48, 400, ...; H = 32, 64, 512 happen to be right). Training mode uses
 * another kernel and is right, so a model trains normally but is evaluated and predicts with a wrong LSTM.
 * {@code ONEDNN_MAX_CPU_ISA=AVX2} (set by the {@code affect4j} launcher, the Maven test configuration and forked
 * training JVMs) makes oneDNN take its AVX2 kernel, which is right. The variable is read once when oneDNN starts, so
 * it cannot be set from inside the JVM; this check runs a small LSTM (H = 8) once per JVM against a plain-Java
 * computation and refuses to go on, saying what to set, if the engine gets it wrong.
 */
public final class LstmKernelCheck {
    static final String ENV = "ONEDNN_MAX_CPU_ISA";
    private static final int IN = 3;
    private static final int H = 8;
    private static final int B = 2;
    private static final int T = 4;
    private static volatile String failure;
    private static volatile boolean done;

    private LstmKernelCheck() {
    }

    /**
     * @throws IllegalStateException if this engine's LSTM inference disagrees with the LSTM equations
     */
    public static void requireCorrect() {
        if (!done) {
            synchronized (LstmKernelCheck.class) {
                if (!done) {
                    failure = run();
                    done = true;
                }
            }
        }
        if (failure != null) throw new IllegalStateException(failure);
    }

    /**
     * Checks again at the next {@link #requireCorrect}: {@link TorchMatmul} lifted the AVX2 cap for bfloat16 products
     * in this process, so a later LSTM (another task of a reused JVM) may get the wrong kernel and must be refused.
     */
    static synchronized void invalidate() {
        done = false;
        failure = null;
    }

    /** @return null if DJL's LSTM matches the equations, or else what is wrong and how to fix it */
    static String run() {
        float[] wih = values(4 * H * IN, 0.37);
        float[] whh = values(4 * H * H, 0.71);
        float[] bih = values(4 * H, 0.13);
        float[] bhh = values(4 * H, 0.29);
        float[] x = values(B * T * IN, 0.53);
        float[] h0 = values(B * H, 0.91);
        float[] c0 = values(B * H, 0.17);
        float[] y;
        try (NDManager m = NDManager.newBaseManager()) {
            LSTM lstm = LSTM.builder().setStateSize(H).setNumLayers(1).optBatchFirst(true).optReturnState(true).build();
            // constant initial values: drawing random ones would move the engine's seeded generator
            lstm.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
            lstm.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
            lstm.initialize(m, DataType.FLOAT32, new Shape(B, T, IN));
            for (Pair<String, Parameter> p : lstm.getParameters()) {
                String k = p.getKey();
                NDArray a = p.getValue().getArray();
                a.set(k.endsWith("i2h_WEIGHT") ? wih : k.endsWith("h2h_WEIGHT") ? whh : k.endsWith("i2h_BIAS") ? bih : bhh);
            }
            NDList out = lstm.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(B, T, IN)),
                    m.create(h0, new Shape(1, B, H)), m.create(c0, new Shape(1, B, H))), false);
            y = out.head().toFloatArray();
        }
        double[] ref = reference(wih, whh, bih, bhh, x, h0, c0);
        double diff = 0;
        for (int i = 0; i < ref.length; i++) diff = Math.max(diff, Math.abs(ref[i] - y[i]));
        if (diff < 1e-4) return null;
        return String.format("the PyTorch engine's LSTM gives wrong results on this CPU (max |error| %.3g on a test "
                + "LSTM): oneDNN's AVX-512 LSTM inference kernel is broken for some hidden sizes; start Java with the "
                + "environment variable %s=AVX2 (the affect4j launcher sets it; now %s=%s)", diff, ENV, ENV, System.getenv(ENV));
    }

    /** Outputs y [B, T, H] of one PyTorch LSTM layer (gates i, f, g, o), in double precision. */
    static double[] reference(float[] wih, float[] whh, float[] bih, float[] bhh, float[] x, float[] h0, float[] c0) {
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

    /** Deterministic values in (-1, 1): no random generator, so the check does not disturb the engine's seed. */
    private static float[] values(int n, double phase) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.sin(1.7 * i + phase * 10);
        return v;
    }
}
