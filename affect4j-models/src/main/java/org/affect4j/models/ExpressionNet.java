package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The whole per-frame classifier: fusion, temporal encoder, head.
 * <pre>
 * x [B, T, in]  (concatenated store features of each frame)
 *   -> fusion: Linear(in -> fusionDim), ReLU, Dropout         (skipped when fusionDim = 0)
 *   -> encoder: a {@link TemporalModel}                        [B, T, encoder.outputSize()]
 *   -> head: {Linear(w), Dropout, ReLU} for w in head, then Linear(classes)
 * logits [B, T, classes]
 * </pre>
 * The ReLU after the fusion projection keeps it from collapsing into the Transformer's bias-free input projection
 * (two linear maps in a row are one linear map); METHOD §2 leaves the fusion's activation open.
 *
 * <p>Forward: inputs {@code NDList(x, valid [B, T], state...)}, outputs {@code NDList(logits, state...)} with the
 * encoder's state contract ({@link TemporalModel}). Weights are initialised like PyTorch's
 * ({@link FanInUniformInitializer}, zero biases). Not thread-safe.
 */
public final class ExpressionNet extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelSpec spec;
    private final int inputSize;
    private final SequentialBlock fusion;
    private final TemporalModel encoder;
    private final SequentialBlock head;

    /** Builds the uninitialised network for {@code inputSize} concatenated feature values per frame. */
    public ExpressionNet(int inputSize, ModelSpec spec) {
        super(VERSION);
        this.spec = spec;
        this.inputSize = inputSize;
        fusion = new SequentialBlock();
        if (spec.fusionDim() > 0) {
            fusion.add(Linear.builder().setUnits(spec.fusionDim()).build())
                    .add(Activation::relu)
                    .add(new MaskDropout(spec.dropout()));
        }
        addChildBlock("fusion", fusion);
        int encoderIn = spec.fusionDim() > 0 ? spec.fusionDim() : inputSize;
        encoder = addChildBlock("encoder", spec.factory().create(encoderIn, spec.dropout(), spec.encoder()));
        head = new SequentialBlock();
        for (int w : spec.head()) {
            head.add(Linear.builder().setUnits(w).build())
                    .add(new MaskDropout(spec.dropout()))
                    .add(Activation::relu);
        }
        head.add(Linear.builder().setUnits(spec.classes()).build());
        addChildBlock("head", head);
        setInitializer(new FanInUniformInitializer(), Parameter.Type.WEIGHT);
    }

    /** The fusion layers (a {@link ai.djl.nn.core.Linear} then ReLU and dropout; none when fusionDim = 0). */
    public SequentialBlock fusion() {
        return fusion;
    }

    /** The head: {Linear, Dropout, ReLU} per hidden width, then the Linear to the classes. */
    public SequentialBlock head() {
        return head;
    }

    /** The temporal encoder. */
    public TemporalModel encoder() {
        return encoder;
    }

    /** The specification it was built from. */
    public ModelSpec spec() {
        return spec;
    }

    /** Width of the concatenated input. */
    public int inputSize() {
        return inputSize;
    }

    /** Initialises all parameters on {@code manager} for inputs of this width. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, spec.segmentLength(), inputSize), new Shape(1, spec.segmentLength()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        if (!fusion.getChildren().isEmpty()) {
            x = fusion.forward(ps, new NDList(x), training).head();
        }
        NDList encIn = new NDList(x, inputs.get(1));
        for (int i = 2; i < inputs.size(); i++) {
            encIn.add(inputs.get(i));
        }
        NDList enc = encoder.forward(ps, encIn, training, params);
        NDList out = new NDList(head.forward(ps, new NDList(enc.head()), training).head());
        for (int i = 1; i < enc.size(); i++) {
            out.add(enc.get(i));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), spec.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        long b = x.get(0);
        long t = x.get(1);
        Shape fused = x;
        if (!fusion.getChildren().isEmpty()) {
            fusion.initialize(manager, dataType, x);
            fused = new Shape(b, t, spec.fusionDim());
        }
        encoder.initialize(manager, dataType, fused, new Shape(b, t));
        head.initialize(manager, dataType, new Shape(b, t, encoder.outputSize()));
    }
}
