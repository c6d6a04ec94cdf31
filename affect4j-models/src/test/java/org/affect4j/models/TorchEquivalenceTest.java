package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.affect4j.models.TorchFixtures.get;
import static org.affect4j.models.TorchFixtures.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocks compute what PyTorch computes with the same weights (fixtures from Debian's python3-torch 1.13,
 * {@code src/test/fixtures-script/make_fixtures.py}), in inference mode, to 1e-5.
 */
class TorchEquivalenceTest {
    static final double TOL = 1e-5;

    @Test
    void encoderLayerMatchesTorchTransformerEncoderLayer() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList fx = TorchFixtures.load(m, "transformer_layer.npz");
            NDArray x = get(fx, "x");
            PostNormEncoderLayer layer = new PostNormEncoderLayer(16, 4, 24, 0.3f);
            layer.initialize(m, DataType.FLOAT32, x.getShape());
            TorchFixtures.setEncoderLayer(layer, "", fx, "");
            NDArray valid = get(fx, "valid");
            NDArray offset = valid.sub(1f).mul(1e5f).reshape(2, 1, 1, 5);
            NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x, offset), false).head();
            // torch leaves padded positions undefined for a masked layer; compare real frames only
            double diff = realFrameDiff(y, get(fx, "y"), valid);
            System.out.printf("transformer layer vs torch: max |diff| = %.3g%n", diff);
            assertTrue(diff < TOL, "max diff " + diff);
        }
    }

    @Test
    void transformerModelMatchesTorchProjectionPositionsAndStack() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList fx = TorchFixtures.load(m, "transformer_model.npz");
            NDArray x = get(fx, "x");
            NDArray valid = get(fx, "valid");
            TransformerModel model = new TransformerModel(16, 2, 4, 24, 0.3f);
            model.initialize(m, DataType.FLOAT32, x.getShape(), valid.getShape());
            TorchFixtures.set(model, "inputProjection_weight", get(fx, "proj_weight"));
            for (int i = 0; i < 2; i++) {
                TorchFixtures.setEncoderLayer(model, "layer" + i + "_", fx, "l" + i + "_");
            }
            NDArray y = model.forward(new ParameterStore(m, false), new NDList(x, valid), false).head();
            double diff = realFrameDiff(y, get(fx, "y"), valid);
            System.out.printf("transformer model (2 layers) vs torch: max |diff| = %.3g%n", diff);
            assertTrue(diff < TOL, "max diff " + diff);
        }
    }

    @Test
    void lstmMatchesTorchLstmIncludingState() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList fx = TorchFixtures.load(m, "lstm.npz");
            NDArray x = get(fx, "x");
            LstmModel model = new LstmModel(8, 2, 0.3f);
            model.initialize(m, DataType.FLOAT32, x.getShape(), new Shape(2, 7));
            for (int l = 0; l < 2; l++) {
                TorchFixtures.set(model, "lstm_l_" + l + "_i2h_WEIGHT", get(fx, "weight_ih_l" + l));
                TorchFixtures.set(model, "lstm_l_" + l + "_h2h_WEIGHT", get(fx, "weight_hh_l" + l));
                TorchFixtures.set(model, "lstm_l_" + l + "_i2h_BIAS", get(fx, "bias_ih_l" + l));
                TorchFixtures.set(model, "lstm_l_" + l + "_h2h_BIAS", get(fx, "bias_hh_l" + l));
            }
            NDList out = model.forward(new ParameterStore(m, false),
                    new NDList(x, m.ones(new Shape(2, 7)), get(fx, "h0"), get(fx, "c0")), false);
            double dy = maxAbsDiff(out.get(0), get(fx, "y"));
            double dh = maxAbsDiff(out.get(1), get(fx, "hn"));
            double dc = maxAbsDiff(out.get(2), get(fx, "cn"));
            System.out.printf("lstm vs torch: max |diff| y %.3g, h %.3g, c %.3g%n", dy, dh, dc);
            assertTrue(Math.max(dy, Math.max(dh, dc)) < TOL, "max diff y " + dy + " h " + dh + " c " + dc);
        }
    }

    static double realFrameDiff(NDArray y, NDArray ref, NDArray valid) {
        double d = 0;
        float[] v = valid.toFloatArray();
        int t = (int) valid.getShape().get(1);
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0.5f) {
                NDIndex idx = new NDIndex(i / t, i % t);
                d = Math.max(d, maxAbsDiff(y.get(idx), ref.get(idx)));
            }
        }
        return d;
    }
}
