package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.List;

/**
 * One post-layer-norm Transformer encoder layer, computing exactly what PyTorch's
 * {@code nn.TransformerEncoderLayer(d, heads, ff, dropout, activation="relu", batch_first=True, norm_first=False)}
 * computes:
 * <pre>
 * x = norm1(x + dropout1(selfAttention(x)))          attention probabilities get dropout too
 * x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))
 * </pre>
 * Built from {@link SelfAttention} (DJL's {@link ScaledDotProductAttentionBlock} in pinned runs, see
 * {@link MaskDropout}), DJL's {@link LayerNorm} (last axis, eps 1e-5) and {@link Linear}, and {@link MaskDropout}
 * (DJL's dropout, its masks drawn faster), because DJL's own {@code TransformerEncoderBlock} normalises with
 * BatchNorm and wires the residuals differently.
 *
 * <p>Inputs {@code NDList(x [B, T, d])} or {@code NDList(x, maskOffset [B, 1, 1, T])} where the offset is 0 for
 * real keys and a large negative number for padding keys; output {@code NDList(y [B, T, d])}.
 */
public final class PostNormEncoderLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int width;
    private final AbstractBlock attention;
    private final MaskDropout attentionDropout;
    private final LayerNorm norm1;
    private final Linear linear1;
    private final MaskDropout ffDropout;
    private final Linear linear2;
    private final MaskDropout outputDropout;
    private final LayerNorm norm2;

    /**
     * @param width       model width d
     * @param heads       attention heads (must divide d)
     * @param feedForward hidden width of the feed-forward block
     * @param dropout     dropout rate used at all four places PyTorch uses it
     */
    public PostNormEncoderLayer(int width, int heads, int feedForward, float dropout) {
        super(VERSION);
        this.width = width;
        // pinned runs keep DJL's block and its masks: they must repeat runs made before SelfAttention bit for bit
        attention = addChildBlock("attention", MaskDropout.engineMasks()
                ? ScaledDotProductAttentionBlock.builder().setEmbeddingSize(width).setHeadCount(heads)
                        .optAttentionProbsDropoutProb(dropout).build()
                : new SelfAttention(width, heads, dropout));
        attentionDropout = addChildBlock("dropout1", new MaskDropout(dropout));
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        linear1 = addChildBlock("linear1", Linear.builder().setUnits(feedForward).build());
        ffDropout = addChildBlock("dropout", new MaskDropout(dropout));
        linear2 = addChildBlock("linear2", Linear.builder().setUnits(width).build());
        outputDropout = addChildBlock("dropout2", new MaskDropout(dropout));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
    }

    /** The attention's query, key, value and output maps (PyTorch's in_proj in thirds and out_proj), in that order. */
    public List<Linear> attentionMaps() {
        if (attention instanceof SelfAttention a) {
            return List.of(a.queryProjection(), a.keyProjection(), a.valueProjection(), a.resultProjection());
        }
        ScaledDotProductAttentionBlock a = (ScaledDotProductAttentionBlock) attention;
        return List.of(a.getQueryProjection(), a.getKeyProjection(), a.getValueProjection(), a.getResultProjection());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList attIn = inputs.size() > 1 ? new NDList(x, inputs.get(1)) : new NDList(x);
        NDArray a = attention.forward(ps, attIn, training, params).head();
        a = attentionDropout.forward(ps, new NDList(a), training).head();
        x = norm1.forward(ps, new NDList(x.add(a)), training).head();
        NDArray f = Activation.relu(linear1.forward(ps, new NDList(x), training).head());
        f = ffDropout.forward(ps, new NDList(f), training).head();
        f = linear2.forward(ps, new NDList(f), training).head();
        f = outputDropout.forward(ps, new NDList(f), training).head();
        return norm2.forward(ps, new NDList(x.add(f)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attention.initialize(manager, dataType, x);
        norm1.initialize(manager, dataType, x);
        linear1.initialize(manager, dataType, x);
        linear2.initialize(manager, dataType, new Shape(x.get(0), x.get(1), linear1.getOutputShapes(new Shape[] {x})[0].get(2)));
        norm2.initialize(manager, dataType, x);
    }

    /** The norm after attention. */
    public LayerNorm norm1() {
        return norm1;
    }

    /** The feed-forward block's first map (width to feedForward, then ReLU). */
    public Linear linear1() {
        return linear1;
    }

    /** The feed-forward block's second map (feedForward to width). */
    public Linear linear2() {
        return linear2;
    }

    /** The norm after the feed-forward block. */
    public LayerNorm norm2() {
        return norm2;
    }

    /** Model width d. */
    public int width() {
        return width;
    }
}
