package org.affect4j.models;

import org.affect4j.util.AbstractPlugin;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import java.util.Map;

/**
 * A (stacked, unidirectional) LSTM encoder whose final hidden and cell state of one segment start the next segment
 * of the same video (truncated back-propagation through time, METHOD §3).
 *
 * <p>Inputs {@code NDList(x [B, T, in], valid [B, T], h [L, B, H], c [L, B, H])} (h, c may be omitted: zeros),
 * outputs {@code NDList(y [B, T, H], h, c)}. Padding frames follow the real ones, so they never reach a real
 * frame's output; the state after padding is only ever passed on past the last segment of a video, where the
 * trainer resets it. Gate order and weight layout are PyTorch's {@code nn.LSTM} ({@code i, f, g, o};
 * parameters {@code l_<layer>_i2h_WEIGHT} = {@code weight_ih_l<layer>}, and so on).
 */
public final class LstmModel extends AbstractBlock implements TemporalModel {
    private static final byte VERSION = 1;

    private final int hidden;
    private final int layers;
    private final LSTM lstm;

    /**
     * @param hidden  hidden (and cell) size H
     * @param layers  stacked layers L
     * @param dropout dropout between stacked layers (PyTorch semantics; unused with one layer)
     */
    public LstmModel(int hidden, int layers, float dropout) {
        super(VERSION);
        this.hidden = hidden;
        this.layers = layers;
        this.lstm = addChildBlock("lstm", LSTM.builder().setStateSize(hidden).setNumLayers(layers)
                .optDropRate(layers > 1 ? dropout : 0f).optBatchFirst(true).optReturnState(true).build());
    }

    @Override
    public int outputSize() {
        return hidden;
    }

    @Override
    public boolean carriesState() {
        return true;
    }

    @Override
    public NDList initialState(NDManager manager, int batch) {
        Shape s = new Shape(layers, batch, hidden);
        return new NDList(manager.zeros(s), manager.zeros(s));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList in = new NDList(inputs.get(0));
        if (inputs.size() >= 4) {
            in.add(inputs.get(2));
            in.add(inputs.get(3));
        }
        if (!training) {
            int size = inferenceSize((int) inputs.get(0).getShape().get(2));
            if (size == 0) return equations(ps, in);
            if (size != hidden) return padded(ps, in, size);
        }
        return lstm.forward(ps, in, training, params);
    }

    /** Whether the engine's inference kernel is right for every layer of an LSTM of this size on this CPU ({@link LstmKernelCheck}). */
    private boolean kernelRight(int size, int input) {
        return LstmKernelCheck.inferenceRight(size, input) && (layers == 1 || LstmKernelCheck.inferenceRight(size, size));
    }

    /**
     * The hidden size whose native kernel runs an inference pass over {@code input} values: this LSTM's own where its
     * kernel is right; else a larger one that holds it ({@link #padded}), the next multiple of 32 first (oneDNN's fast
     * case: H = 496 padded to 512 infers ~2x faster than padded to 497), then the smallest within the block; or 0 when
     * none is right ({@link #equations}).
     */
    private int inferenceSize(int input) {
        if (kernelRight(hidden, input)) return hidden;
        int aligned = (hidden / 32 + 1) * 32;
        if (kernelRight(aligned, input)) return aligned;
        for (int size = hidden + 1; size < aligned; size++) {
            if (kernelRight(size, input)) return size;
        }
        return 0;
    }

    /** How inference over {@code input} values runs here: the native kernel, that of a padded LSTM, or the equations. */
    public String inferencePath(int input) {
        int size = inferenceSize(input);
        return size == hidden ? "native kernel" : size > 0 ? "native kernel of " + size + " units, the added ones inert"
                : "LSTM equations";
    }

    /**
     * An inference pass through the native kernel of a larger LSTM ({@code size} units) that holds this one: every
     * added unit has zero weights, bias and initial state, so its gates stay at 1/2, 1/2, 0, 1/2 and its cell and
     * output at 0, and the added columns of the next products meet those zeros: the first {@code hidden} units compute
     * exactly this LSTM. For the sizes whose own kernel is wrong on this CPU, at the kernel's speed.
     */
    NDList padded(ParameterStore ps, NDList in, int size) {
        NDArray x = in.get(0);
        long batch = x.getShape().get(0);
        NDManager m = x.getManager();
        NDList weights = new NDList();
        for (Pair<String, Parameter> p : lstm.getParameters()) {
            NDArray w = ps.getValue(p.getValue(), x.getDevice(), false);
            // [4H, in] or [4H]: gate blocks i, f, g, o of H rows each, grown to `size` rows (and recurrent columns)
            NDArray gates = w.reshape(w.getShape().dimension() == 1 ? new Shape(4, hidden, 1) : new Shape(4, hidden, w.getShape().get(1)));
            gates = grow(gates, 1, size);
            boolean recurrent = p.getKey().endsWith("h2h_WEIGHT") || p.getKey().matches(".*l_[1-9][0-9]*_i2h_WEIGHT");
            if (recurrent) gates = grow(gates, 2, size);
            weights.add(w.getShape().dimension() == 1 ? gates.reshape(4L * size) : gates.reshape(4L * size, gates.getShape().get(2)));
        }
        NDArray h0 = in.size() >= 3 ? grow(in.get(1), 2, size) : m.zeros(new Shape(layers, batch, size), x.getDataType());
        NDArray c0 = in.size() >= 3 ? grow(in.get(2), 2, size) : m.zeros(new Shape(layers, batch, size), x.getDataType());
        NDList out = x.getNDArrayInternal().lstm(x, new NDList(h0, c0), weights, true, layers, 0, false, false, true);
        String first = ":, :, :" + hidden;
        return new NDList(out.get(0).get(first), out.get(1).get(first), out.get(2).get(first));
    }

    /** {@code a} with zeros appended along {@code axis} up to {@code size}. */
    private static NDArray grow(NDArray a, int axis, long size) {
        long[] shape = a.getShape().getShape();
        if (shape[axis] == size) return a;
        shape[axis] = size - shape[axis];
        return a.concat(a.getManager().zeros(new Shape(shape), a.getDataType()), axis);
    }

    /**
     * An inference pass computed from the LSTM equations with engine operations, layer by layer and step by step,
     * with the block's own parameters: for a size whose native inference kernel is wrong on this CPU when no larger
     * size within one block is right either ({@link #padded}). Slower than the kernel (a few operations per step),
     * right to float rounding; dropout between layers is a training matter.
     */
    NDList equations(ParameterStore ps, NDList in) {
        NDArray x = in.get(0);
        long batch = x.getShape().get(0), steps = x.getShape().get(1);
        NDManager m = x.getManager();
        NDArray h0 = in.size() >= 3 ? in.get(1) : m.zeros(new Shape(layers, batch, hidden), x.getDataType());
        NDArray c0 = in.size() >= 3 ? in.get(2) : m.zeros(new Shape(layers, batch, hidden), x.getDataType());
        NDList hs = new NDList(), cs = new NDList();
        for (int l = 0; l < layers; l++) {
            NDArray wi = parameter(ps, x, l, "i2h_WEIGHT"), wh = parameter(ps, x, l, "h2h_WEIGHT").transpose();
            NDArray bias = parameter(ps, x, l, "i2h_BIAS").add(parameter(ps, x, l, "h2h_BIAS"));
            // the input's share of the gates for every step at once: one product instead of one per step
            NDArray gx = x.matMul(wi.transpose()).add(bias);
            NDArray h = h0.get(l), c = c0.get(l);
            NDList ys = new NDList();
            for (long t = 0; t < steps; t++) {
                NDList g = gx.get(":, " + t).add(h.matMul(wh)).split(4, 1); // gates i, f, g, o
                c = Activation.sigmoid(g.get(1)).mul(c).add(Activation.sigmoid(g.get(0)).mul(g.get(2).tanh()));
                h = Activation.sigmoid(g.get(3)).mul(c.tanh());
                ys.add(h);
            }
            x = NDArrays.stack(ys, 1);
            hs.add(h);
            cs.add(c);
        }
        return new NDList(x, NDArrays.stack(hs, 0), NDArrays.stack(cs, 0));
    }

    private NDArray parameter(ParameterStore ps, NDArray like, int layer, String name) {
        String suffix = "l_" + layer + "_" + name;
        for (Pair<String, Parameter> p : lstm.getParameters()) {
            if (p.getKey().endsWith(suffix)) return ps.getValue(p.getValue(), like.getDevice(), false);
        }
        throw new IllegalStateException("no LSTM parameter " + suffix);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape state = new Shape(layers, x.get(0), hidden);
        return new Shape[] {new Shape(x.get(0), x.get(1), hidden), state, state};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        lstm.initialize(manager, dataType, inputShapes[0]);
    }

    /** Factory for {@code model.type: lstm}: parameters {@code hidden} (512) and {@code layers} (1). */
    public static final class Factory extends AbstractPlugin implements TemporalModelFactory {
        public Factory() {
            super("lstm", "LSTM over the segment, state carried from segment to segment (hidden, layers)");
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("hidden", 512, "layers", 1);
        }

        @Override
        public int stride(int segmentLength, Map<String, Object> params) {
            // carried state requires non-overlapping segments: each frame is seen exactly once, in order
            return segmentLength;
        }

        @Override
        public TemporalModel create(int inputSize, float dropout, Map<String, Object> params) {
            return new LstmModel(TemporalModelFactory.intParam(params, "hidden"),
                    TemporalModelFactory.intParam(params, "layers"), dropout);
        }
    }
}
