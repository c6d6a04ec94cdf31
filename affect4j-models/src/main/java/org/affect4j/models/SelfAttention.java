package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * size); here they are {@link MaskDropout}'s. Heads are column views of the projections rather than a
 * {@code [B, N, T, H]} transpose, which saved copies but no time measured (StepProfile, Throughput), and ~200 MB of
 * peak memory in training. The children, their names, order and the version byte are DJL's block's, so checkpoints
 * written with either load in the other.
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
        NDList in = new NDList(x);
        // each head's columns as a view [B, T, H] (split, whose gradient is one concatenation): the products take
        // them as they are, where heads as [B, N, T, H] cost a transposing copy of Q, K, V and of each gradient
        NDList q = queryProjection.forward(ps, in, training).head().split(heads, 2);
        NDList k = keyProjection.forward(ps, in, training).head().split(heads, 2);
        NDList v = valueProjection.forward(ps, in, training).head().split(heads, 2);
        NDArray offset = inputs.size() > 1 ? inputs.get(1).reshape(b, 1, t) : null;
        float scale = 1f / (float) Math.sqrt(width / heads); // 1/sqrt(H), as PyTorch and DJL scale the scores
        NDList joined = new NDList(heads);
        for (int n = 0; n < heads; n++) {
            NDArray scores = Scalars.times(q.get(n).matMul(k.get(n).transpose(0, 2, 1)), scale); // [B, T, T]
            if (offset != null) scores = scores.add(offset);
            NDArray p = probabilityDropout.forward(ps, new NDList(scores.softmax(2)), training).head();
            joined.add(p.matMul(v.get(n)));
        }
        return resultProjection.forward(ps, new NDList(NDArrays.concat(joined, 2)), training);
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
