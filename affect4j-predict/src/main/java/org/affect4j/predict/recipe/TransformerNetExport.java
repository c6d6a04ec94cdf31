package org.affect4j.predict.recipe;

import org.affect4j.models.ExpressionNet;
import org.affect4j.models.PostNormEncoderLayer;
import org.affect4j.models.TransformerModel;
import org.affect4j.models.onnx.DjlWeights;
import org.affect4j.models.onnx.TransformerOnnx;
import org.affect4j.predict.model.TransformerNet;

import java.util.ArrayList;
import java.util.List;

/** A trained {@link ExpressionNet} with a Transformer encoder, copied into the plain-Java {@link TransformerNet}. */
final class TransformerNetExport {
    private TransformerNetExport() {
    }

    /**
     * Copies the weights of {@code net}.
     *
     * @param net  a trained network: {@code transformer} encoder, a fusion layer, no hidden head layers
     * @param mean the standardisation means its inputs were trained with
     * @param std  the standardisation divisors
     * @throws IllegalArgumentException for any other kind of network
     */
    static TransformerNet of(ExpressionNet net, float[] mean, float[] std) {
        if (!(net.encoder() instanceof TransformerModel encoder) || net.spec().fusionDim() <= 0 || !net.spec().head().isEmpty()) {
            throw new IllegalArgumentException("only a transformer network with a fusion layer and no hidden head layers"
                    + " can be exported, got " + net.spec());
        }
        List<TransformerNet.Layer> out = new ArrayList<>();
        for (PostNormEncoderLayer layer : encoder.layers()) {
            TransformerOnnx.Layer l = DjlWeights.layer(layer);
            out.add(new TransformerNet.Layer(dense(l.query()), dense(l.key()), dense(l.value()), dense(l.result()),
                    l.norm1Gain(), l.norm1Shift(), dense(l.linear1()), dense(l.linear2()), l.norm2Gain(), l.norm2Shift()));
        }
        return new TransformerNet(mean.clone(), std.clone(), dense(DjlWeights.dense(DjlWeights.linears(net.fusion()).get(0))),
                dense(DjlWeights.dense(encoder.inputProjection())), encoder.heads(), out,
                dense(DjlWeights.dense(DjlWeights.linears(net.head()).get(0))));
    }

    private static TransformerNet.Dense dense(TransformerOnnx.Dense d) {
        return new TransformerNet.Dense(d.in(), d.out(), d.weight(), d.bias());
    }
}
