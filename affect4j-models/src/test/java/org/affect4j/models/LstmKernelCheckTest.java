package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's LSTM inference matches the LSTM equations for hidden sizes on both sides of oneDNN's 32-wide blocks:
 * oneDNN 3.7.1's AVX-512 inference kernel is wrong for H mod 32 in 1..16 (see {@link LstmKernelCheck}), which the
 * Maven test configuration avoids with ONEDNN_MAX_CPU_ISA=AVX2.
 */
class LstmKernelCheckTest {
    @Test
    void engineLstmIsRight() {
        assertNull(LstmKernelCheck.run(), "env " + LstmKernelCheck.ENV + "=" + System.getenv(LstmKernelCheck.ENV));
    }

    @Test
    void inferenceMatchesPlainOpsForHiddenSizesAroundTheBlockWidth() {
        for (int hidden : new int[] {16, 32, 33, 48}) {
            try (NDManager m = NDManager.newBaseManager()) {
                int layers = 2, b = 3, t = 5, in = 7;
                LstmModel model = new LstmModel(hidden, layers, 0f);
                model.initialize(m, DataType.FLOAT32, new Shape(b, t, in), new Shape(b, t));
                NDArray x = m.randomNormal(new Shape(b, t, in));
                NDArray h0 = m.randomNormal(new Shape(layers, b, hidden)).mul(0.5f);
                NDArray c0 = m.randomNormal(new Shape(layers, b, hidden)).mul(0.5f);
                NDList out = model.forward(new ParameterStore(m, false), new NDList(x, m.ones(new Shape(b, t)), h0, c0), false);
                NDArray input = x;
                NDList cs = new NDList();
                for (int l = 0; l < layers; l++) {
                    NDArray wi = param(model, l, "i2h_WEIGHT"), wh = param(model, l, "h2h_WEIGHT");
                    NDArray bias = param(model, l, "i2h_BIAS").add(param(model, l, "h2h_BIAS"));
                    NDArray h = h0.get(l), c = c0.get(l);
                    NDList ys = new NDList();
                    for (int s = 0; s < t; s++) {
                        NDList g = input.get(":, " + s).matMul(wi.transpose()).add(h.matMul(wh.transpose())).add(bias).split(4, 1);
                        c = sigmoid(g.get(1)).mul(c).add(sigmoid(g.get(0)).mul(g.get(2).tanh()));
                        h = sigmoid(g.get(3)).mul(c.tanh());
                        ys.add(h);
                    }
                    input = NDArrays.stack(ys, 1);
                    cs.add(c);
                }
                double dy = TorchFixtures.maxAbsDiff(out.get(0), input);
                double dc = TorchFixtures.maxAbsDiff(out.get(2), NDArrays.stack(cs, 0));
                assertTrue(Math.max(dy, dc) < 1e-5, "hidden " + hidden + ": max diff y " + dy + " c " + dc);
            }
        }
    }

    private static NDArray sigmoid(NDArray a) {
        return a.neg().exp().add(1f).pow(-1f);
    }

    private static NDArray param(LstmModel model, int layer, String name) {
        String suffix = "l_" + layer + "_" + name;
        return model.getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst().orElseThrow()
                .getValue().getArray();
    }
}
