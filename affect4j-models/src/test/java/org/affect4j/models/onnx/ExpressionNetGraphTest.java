package org.affect4j.models.onnx;

import org.affect4j.models.Precision;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.affect4j.data.FramePredictions;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.training.SequencePredictor;
import org.affect4j.training.data.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Transformer network in ONNX Runtime predicts what the DJL network predicts: to float rounding in float32, close
 * in int8; padding keys are masked alike (videos whose last segment is short, batches with idle lanes).
 */
class ExpressionNetGraphTest {
    private static final int DIM = 7;

    @Test
    void float32EqualsTheDjlNetworkAndInt8IsClose() {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            ModelSpec spec = new ModelSpec("transformer", 16, 12, 0.3f, List.of(10),
                    Map.of("width", 32, "layers", 2, "heads", 4, "feedForward", 48, "stride", 0));
            ExpressionNet net = new ExpressionNet(DIM, spec);
            net.initialize(m);
            // 37 and 50 frames end in short segments; 5 frames is one short segment; batches of 3 leave idle lanes
            List<Sequence> videos = videos(new int[] {37, 16, 5, 50}, 3);
            SequencePredictor.Result djl = SequencePredictor.predict(net, m, videos, 3);
            try (ExpressionNetGraph f32 = new ExpressionNetGraph(net, Precision.FLOAT32, 1);
                 ExpressionNetGraph i8 = new ExpressionNetGraph(net, Precision.INT8, 1)) {
                SequencePredictor.Result exact = SequencePredictor.predict(f32, spec, videos, 3);
                SequencePredictor.Result approx = SequencePredictor.predict(i8, spec, videos, 3);
                double f32Diff = maxDiff(djl.predictions(), exact.predictions());
                double i8Diff = maxDiff(djl.predictions(), approx.predictions());
                System.out.printf("ONNX Runtime against DJL: float32 max |diff| %.3g, int8 %.3g; loss %.6f / %.6f / %.6f%n",
                        f32Diff, i8Diff, djl.loss(), exact.loss(), approx.loss());
                assertTrue(f32Diff < 1e-5, "float32 max diff " + f32Diff);
                assertEquals(djl.loss(), exact.loss(), 1e-5, "the same validation loss");
                // int8 runs integer products: not the float32 numbers, yet within a few thousandths of them
                assertTrue(i8Diff > 1e-6 && i8Diff < 0.02, "int8 max diff " + i8Diff);
                assertEquals(djl.loss(), approx.loss(), 0.01);
            }
        }
    }

    @Test
    void anLstmNetworkIsRefusedNamingItsType() {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            ExpressionNet net = new ExpressionNet(DIM, new ModelSpec("lstm", 8, 6, 0.3f, List.of(), Map.of("hidden", 12, "layers", 1)));
            net.initialize(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ExpressionNetGraph(net, Precision.INT8, 1));
            assertTrue(e.getMessage().contains("lstm"), e.getMessage());
        }
    }

    @Test
    void precisionsAreSpeltAsUsersTypeThem() {
        assertEquals(Precision.INT8, Precision.of("int8"));
        assertEquals(Precision.FLOAT32, Precision.of("float32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.of("fp16"));
        assertTrue(e.getMessage().contains("'fp16'") && e.getMessage().contains("float32, bfloat16, int8"), e.getMessage());
    }

    /** Videos of the given lengths with inputs of a large spread (so the int8 input ranges matter) and labels. */
    private static List<Sequence> videos(int[] frames, long seed) {
        Random rnd = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int n : frames) {
            float[] x = new float[n * DIM];
            for (int i = 0; i < x.length; i++) x[i] = (float) (3 * rnd.nextGaussian());
            int[] y = new int[n];
            for (int i = 0; i < n; i++) y[i] = rnd.nextInt(8);
            out.add(new Sequence("v" + n, n, DIM, x, y));
        }
        return out;
    }

    private static double maxDiff(List<FramePredictions> a, List<FramePredictions> b) {
        double worst = 0;
        for (int v = 0; v < a.size(); v++) {
            assertEquals(a.get(v).frames(), b.get(v).frames());
            for (int f = 0; f < a.get(v).frames(); f++) {
                for (int c = 0; c < 8; c++) worst = Math.max(worst, Math.abs(a.get(v).probability(f, c) - b.get(v).probability(f, c)));
            }
        }
        return worst;
    }
}
