package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.affect4j.inference.RunPredictor;
import org.affect4j.models.ChildJvm;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.LstmModel;
import org.affect4j.models.NumericPath;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.data.LabelledItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One JVM that trains a Transformer and then an LSTM, as a reused training child of {@code cv} / {@code ablate --grid
 * model=lstm,transformer} does, in a JVM started as the launcher starts one (the engine's kernels not pinned): the
 * LSTMs train and their evaluation reproduces their validation score, for a hidden size whose AVX-512 inference kernel
 * is wrong (16) and one whose kernel is right (32). Before, the launcher capped oneDNN at AVX2 and a Transformer's run
 * lifted the cap, after which every LSTM in that JVM was refused.
 */
class OneDnnCapTest {
    @TempDir
    Path dir;

    @Test
    void anLstmAfterATransformerInOneJvmTrainsAndEvaluatesRight() throws Exception {
        SyntheticStore.write(dir, 12, 4);
        String last = ChildJvm.lastLine(Child.class, ChildJvm.unpinned(), dir.toString());
        assertEquals("lstm evaluated as validated H=16 H=32", last);
    }

    /**
     * oneDNN's AVX-512 training kernel is right for every hidden size (only its inference kernel is not, which
     * {@code LstmKernelCheckTest} covers): one LSTM step's outputs and gradients, for hidden sizes on both sides of its
     * 32-wide blocks, agree between a JVM whose oneDNN is capped at AVX2 and one left to its own kernels.
     */
    @Test
    void trainingGradientsAgreeWithTheAvx2Kernels() throws Exception {
        float[] capped = gradients("AVX2"), free = gradients(null);
        assertEquals(capped.length, free.length);
        double worst = 0, scale = 0;
        for (int i = 0; i < capped.length; i++) {
            worst = Math.max(worst, Math.abs(capped[i] - free[i]));
            scale = Math.max(scale, Math.abs(capped[i]));
        }
        System.out.println("OneDnnCapTest gradients: max diff " + worst + " of " + scale);
        assertTrue(worst < 1e-5 * scale, "max diff " + worst + " of " + scale);
    }

    private float[] gradients(String cap) throws Exception {
        Path out = dir.resolve("gradients-" + cap);
        Map<String, String> env = ChildJvm.unpinned();
        if (cap != null) env.put("ONEDNN_MAX_CPU_ISA", cap);
        ChildJvm.lastLine(Gradients.class, env, out.toString());
        FloatBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).asFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return v;
    }

    /** The child: writes one training step's outputs and parameter gradients of LSTMs with hidden 16, 100 and 32. */
    public static final class Gradients {
        public static void main(String[] args) throws Exception {
            DjlRuntime.start(2);
            Engine.getInstance().setRandomSeed(7);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (int hidden : List.of(16, 100, 32)) {
                try (NDManager m = NDManager.newBaseManager()) {
                    Shape in = new Shape(4, 16, 40);
                    LstmModel lstm = new LstmModel(hidden, 2, 0f);
                    lstm.initialize(m, DataType.FLOAT32, in, new Shape(4, 16));
                    NDArray x = m.randomNormal(in);
                    NDArray w = m.randomNormal(new Shape(4, 16, hidden));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = lstm.forward(new ParameterStore(m, false),
                                new NDList(x, m.ones(new Shape(4, 16))), true).head();
                        for (float v : y.toFloatArray()) out.writeFloat(v);
                        gc.backward(y.mul(w).sum());
                    }
                    for (var p : lstm.getParameters()) {
                        for (float v : p.getValue().getArray().getGradient().toFloatArray()) out.writeFloat(v);
                    }
                }
            }
            Files.write(Path.of(args[0]), bytes.toByteArray());
        }
    }

    /** The child: a Transformer run, then LSTM runs of hidden sizes on both sides of oneDNN's 32-wide blocks. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            Training.run(SyntheticStore.config(dir, "transformer", ", \"maxStepsPerEpoch\": 2"), dir.resolve("run-t"), TrainingListener.NONE);
            StringBuilder said = new StringBuilder("lstm evaluated as validated");
            for (int hidden : List.of(16, 32)) {
                Path cfg = SyntheticStore.config(dir, "lstm", ", \"maxStepsPerEpoch\": 2");
                Files.writeString(cfg, Files.readString(cfg).replace("\"hidden\": 16", "\"hidden\": " + hidden));
                Path run = dir.resolve("run-l" + hidden);
                Training.Result r = Training.run(cfg, run, TrainingListener.NONE);
                try (RunPredictor p = RunPredictor.load(run)) {
                    double f1 = p.evaluate(new FeatureStore(dir.resolve("store")), LabelledItems.read(dir.resolve("val.csv"))).macroF1();
                    if (Math.abs(f1 - r.last().macroF1()) > 1e-9) throw new AssertionError("H=" + hidden + ": evaluate " + f1 + " against validation " + r.last().macroF1());
                }
                said.append(" H=").append(hidden);
            }
            System.out.println(said);
        }
    }
}
