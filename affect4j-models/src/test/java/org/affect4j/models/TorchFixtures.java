package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Reads the .npz fixtures written by {@code src/test/fixtures-script/make_fixtures.py} and copies weights into blocks. */
final class TorchFixtures {
    private TorchFixtures() {
    }

    static NDList load(NDManager manager, String name) throws IOException {
        try (InputStream in = TorchFixtures.class.getResourceAsStream(name)) {
            assertNotNull(in, "missing fixture " + name + " (run make_fixtures.py)");
            return NDList.decode(manager, in);
        }
    }

    static NDArray get(NDList fixture, String name) {
        NDArray a = fixture.get(name);
        assertNotNull(a, "fixture has no array '" + name + "'");
        return a;
    }

    /** Copies a fixture array into the parameter whose full path name in {@code block} is {@code path}. */
    static void set(Block block, String path, NDArray value) {
        // DJL prefixes each child's name with its two-digit position ("01attention_02queryProjection_weight")
        Parameter p = null;
        for (var pair : block.getParameters()) {
            if (pair.getKey().replaceAll("(^|_)\\d\\d", "$1").equals(path)) {
                p = pair.getValue();
            }
        }
        assertNotNull(p, "no parameter " + path + " in " + block.getParameters().keys());
        assertArrayEquals(p.getArray().getShape().getShape(), value.getShape().getShape(), "shape of " + path);
        p.getArray().set(value.toFloatArray());
    }

    /** Largest absolute difference. */
    static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    /** Copies torch's {@code nn.TransformerEncoderLayer} weights (prefix as in the fixture) into a layer at {@code path}. */
    static void setEncoderLayer(Block root, String path, NDList fx, String prefix) {
        String att = path + "attention_";
        set(root, att + "queryProjection_weight", get(fx, prefix + "q_weight"));
        set(root, att + "queryProjection_bias", get(fx, prefix + "q_bias"));
        set(root, att + "keyProjection_weight", get(fx, prefix + "k_weight"));
        set(root, att + "keyProjection_bias", get(fx, prefix + "k_bias"));
        set(root, att + "valueProjection_weight", get(fx, prefix + "v_weight"));
        set(root, att + "valueProjection_bias", get(fx, prefix + "v_bias"));
        set(root, att + "resultProjection_weight", get(fx, prefix + "out_weight"));
        set(root, att + "resultProjection_bias", get(fx, prefix + "out_bias"));
        for (String l : new String[] {"linear1", "linear2"}) {
            set(root, path + l + "_weight", get(fx, prefix + l + "_weight"));
            set(root, path + l + "_bias", get(fx, prefix + l + "_bias"));
        }
        for (String n : new String[] {"norm1", "norm2"}) {
            set(root, path + n + "_gamma", get(fx, prefix + n + "_weight"));
            set(root, path + n + "_beta", get(fx, prefix + n + "_bias"));
        }
    }
}
