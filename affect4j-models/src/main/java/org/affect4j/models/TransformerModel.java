package org.affect4j.models;

import org.affect4j.util.AbstractPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Transformer encoder of METHOD §3: a bias-free input projection to the model width, fixed sinusoidal
 * positions (restarting in every segment) with dropout, then a stack of {@link PostNormEncoderLayer}s.
 * Padding frames are masked out as attention keys. Stateless: segments may overlap and be shuffled.
 *
 * <p>Inputs {@code NDList(x [B, T, in], valid [B, T])}, output {@code NDList(y [B, T, width])}.
 * Paper defaults: 4 layers, 4 heads, width 1024, feed-forward 1024, dropout 0.3, segments of 128 frames.
 */
public final class TransformerModel extends AbstractBlock implements TemporalModel {
    private static final byte VERSION = 1;
    /** Added to attention scores of padding keys; exp(-1e5) is 0 in float32 and a fully padded row stays finite. */
    private static final float MASKED = -1e5f;

    private final int width;
    private final int heads;
    private final Linear inputProjection;
    private final MaskDropout positionDropout;
    private final List<PostNormEncoderLayer> layers = new ArrayList<>();
    private float[] positionCache = new float[0];
    private int cachedLength;

    public TransformerModel(int width, int numLayers, int heads, int feedForward, float dropout) {
        super(VERSION);
        this.width = width;
        this.heads = heads;
        inputProjection = addChildBlock("inputProjection", Linear.builder().setUnits(width).optBias(false).build());
        positionDropout = addChildBlock("positionDropout", new MaskDropout(dropout));
        for (int i = 0; i < numLayers; i++) {
            layers.add(addChildBlock("layer" + i, new PostNormEncoderLayer(width, heads, feedForward, dropout)));
        }
    }

    /** The encoder layers, bottom first. */
    public List<PostNormEncoderLayer> layers() {
        return List.copyOf(layers);
    }

    /** The bias-free input projection {@code in -> width}. */
    public Linear inputProjection() {
        return inputProjection;
    }

    /** Attention heads of every layer. */
    public int heads() {
        return heads;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public boolean carriesState() {
        return false;
    }

    @Override
    public NDList initialState(NDManager manager, int batch) {
        return new NDList();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray valid = inputs.get(1);
        long b = x.getShape().get(0);
        int t = (int) x.getShape().get(1);
        NDManager m = x.getManager();
        NDArray h = inputProjection.forward(ps, new NDList(x), training).head();
        h = h.add(m.create(positions(t), new Shape(1, t, width)));
        h = positionDropout.forward(ps, new NDList(h), training).head();
        // (valid - 1) * 1e5: 0 for real frames, -1e5 for padding; broadcast over heads and queries
        NDArray offset = valid.sub(1f).mul(-MASKED).reshape(b, 1, 1, t);
        for (PostNormEncoderLayer layer : layers) {
            h = layer.forward(ps, new NDList(h, offset), training).head();
        }
        return new NDList(h);
    }

    private float[] positions(int length) {
        if (length != cachedLength) {
            positionCache = SinusoidalPositions.table(length, width);
            cachedLength = length;
        }
        return positionCache;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        inputProjection.initialize(manager, dataType, x);
        Shape h = new Shape(x.get(0), x.get(1), width);
        for (PostNormEncoderLayer layer : layers) {
            layer.initialize(manager, dataType, h);
        }
    }

    /**
     * Factory for {@code model.type: transformer}: {@code width} (1024), {@code layers} (4), {@code heads} (4),
     * {@code feedForward} (1024) and {@code stride} (0 = the segment length, i.e. no overlap).
     */
    public static final class Factory extends AbstractPlugin implements TemporalModelFactory {
        public Factory() {
            super("transformer", "Transformer encoder over the segment (width, layers, heads, feedForward, stride)");
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("width", 1024, "layers", 4, "heads", 4, "feedForward", 1024, "stride", 0);
        }

        @Override
        public int stride(int segmentLength, Map<String, Object> params) {
            int s = TemporalModelFactory.intParam(params, "stride");
            return s <= 0 ? segmentLength : s;
        }

        @Override
        public TemporalModel create(int inputSize, float dropout, Map<String, Object> params) {
            int width = TemporalModelFactory.intParam(params, "width");
            int heads = TemporalModelFactory.intParam(params, "heads");
            if (heads <= 0 || width % heads != 0 || width % 2 != 0) {
                throw new IllegalArgumentException("model.encoder.width (" + width + ") must be even and divisible by"
                        + " model.encoder.heads (" + heads + ")");
            }
            return new TransformerModel(width, TemporalModelFactory.intParam(params, "layers"), heads,
                    TemporalModelFactory.intParam(params, "feedForward"), dropout);
        }
    }
}
