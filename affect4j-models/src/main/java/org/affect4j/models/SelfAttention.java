package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention, what DJL's {@code ScaledDotProductAttentionBlock} computes with an
 * additive key mask, and what PyTorch's {@code nn.MultiheadAttention} computes (separate query, key and value maps
 * with bias, probabilities with dropout, an output map). Our own block because DJL's draws its probabilities'
 * dropout with libtorch's serial generator (~11 ns an element, a million elements a layer and pass at the paper's
 * size); here they are {@link MaskDropout}'s. The children, their names, order and the version byte are DJL's block's,
 * so checkpoints written with either load in the other.
 *
 * <p>Inputs {@code NDList(x [B, T, E])} or {@code NDList(x, maskOffset [B, 1, 1, T])}, the offset 0 for keys to
 * attend to and a large negative number for padding keys; output {@code NDList(y [B, T, E])}.
 */
public final class SelfAttention extends AbstractBlock {
    /** {@code ScaledDotProductAttentionBlock}'s version, written into checkpoints. */
    private static final byte VERSION = 1;

    private final int width;
    private final int heads;
    private final Linear keyProjection;
    private final Linear queryProjection;
    private final Linear valueProjection;
    private final Linear resultProjection;
    private final MaskDropout probabilityDropout;

    /**
     * @param width   model width E
     * @param heads   attention heads (must divide E)
     * @param dropout dropout rate of the attention probabilities
     */
    public SelfAttention(int width, int heads, float dropout) {
        super(VERSION);
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide width " + width);
        }
        this.width = width;
        this.heads = heads;
        keyProjection = addChildBlock("keyProjection", projection(width));
        queryProjection = addChildBlock("queryProjection", projection(width));
        valueProjection = addChildBlock("valueProjection", projection(width));
        resultProjection = addChildBlock("resultProjection", projection(width));
        probabilityDropout = addChildBlock("probabilityDropout", new MaskDropout(dropout));
    }

    private static Linear projection(int width) {
        return Linear.builder().optBias(true).setUnits(width).build();
    }

    /** The key map ({@code in_proj}'s second third in PyTorch). */
    public Linear keyProjection() {
        return keyProjection;
    }

    /** The query map ({@code in_proj}'s first third). */
    public Linear queryProjection() {
        return queryProjection;
    }

    /** The value map ({@code in_proj}'s last third). */
    public Linear valueProjection() {
        return valueProjection;
    }

    /** The output map ({@code out_proj}). */
    public Linear resultProjection() {
        return resultProjection;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long h = width / heads;
        NDList flat = new NDList(x.reshape(b * t, width));
        NDArray q = heads(queryProjection.forward(ps, flat, training).head(), b, t, h);
        NDArray k = heads(keyProjection.forward(ps, flat, training).head(), b, t, h);
        NDArray v = heads(valueProjection.forward(ps, flat, training).head(), b, t, h);
        // scores [B, N, T, T], scaled by 1/sqrt(H) as PyTorch and DJL scale them
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1f / (float) Math.sqrt(h));
        if (inputs.size() > 1) scores = scores.add(inputs.get(1));
        NDArray p = probabilityDropout.forward(ps, new NDList(scores.softmax(3)), training).head();
        NDArray joined = p.matMul(v).transpose(0, 2, 1, 3).reshape(b * t, width);
        return new NDList(resultProjection.forward(ps, new NDList(joined), training).head().reshape(b, t, width));
    }

    /** [B * T, E] to [B, N, T, H]. */
    private NDArray heads(NDArray projected, long b, long t, long h) {
        return projected.reshape(b, t, heads, h).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // the maps see the batch and time axes flattened, as DJL's block initialises them
        Shape flat = new Shape(-1, width);
        keyProjection.initialize(manager, dataType, flat);
        queryProjection.initialize(manager, dataType, flat);
        valueProjection.initialize(manager, dataType, flat);
        resultProjection.initialize(manager, dataType, flat);
        probabilityDropout.initialize(manager, dataType, flat);
    }
}
