package org.affect4j.models.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import org.affect4j.models.PostNormEncoderLayer;

import java.util.ArrayList;
import java.util.List;

/** The weights of a DJL network's layers as plain arrays, for writing them elsewhere (a graph, the model file). */
public final class DjlWeights {
    private DjlWeights() {
    }

    /** One encoder layer's weights. */
    public static TransformerOnnx.Layer layer(PostNormEncoderLayer l) {
        List<Linear> a = l.attentionMaps();
        return new TransformerOnnx.Layer(dense(a.get(0)), dense(a.get(1)), dense(a.get(2)), dense(a.get(3)),
                values(l.norm1(), "gamma"),
                values(l.norm1(), "beta"), dense(l.linear1()), dense(l.linear2()), values(l.norm2(), "gamma"),
                values(l.norm2(), "beta"));
    }

    /** A DJL dense layer's weights ({@code [out, in]}) and bias (empty without one). */
    public static TransformerOnnx.Dense dense(Linear l) {
        float[] w = l.getParameters().get("weight").getArray().toFloatArray();
        long[] shape = l.getParameters().get("weight").getArray().getShape().getShape();
        var bias = l.getParameters().get("bias");
        return new TransformerOnnx.Dense((int) shape[1], (int) shape[0], w,
                bias == null ? new float[0] : bias.getArray().toFloatArray());
    }

    private static float[] values(LayerNorm n, String name) {
        return n.getParameters().get(name).getArray().toFloatArray();
    }

    /** The dense layers of a sequential block, in order (the ReLUs between them are implied, dropouts are off). */
    public static List<Linear> linears(SequentialBlock block) {
        List<Linear> out = new ArrayList<>();
        for (Pair<String, Block> c : block.getChildren()) {
            if (c.getValue() instanceof Linear l) out.add(l);
        }
        return out;
    }
}
