package org.affect4j.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.affect4j.models.TemporalModel;
import org.affect4j.models.TemporalModelFactory;
import org.affect4j.util.AbstractPlugin;

import java.util.Map;

/**
 * A temporal model added as a plug-in (issue 18: one class and one services line in the test resources, no edit of
 * existing code): every frame on its own through one ReLU layer, no context across frames, the baseline an ablation
 * puts beside the LSTM and the Transformer. Used by {@code PluginTest} from a config's {@code model.type}.
 */
public final class FrameMlpModel extends AbstractBlock implements TemporalModel {
    private final int hidden;
    private final Linear layer;

    FrameMlpModel(int hidden) {
        super((byte) 1);
        this.hidden = hidden;
        this.layer = addChildBlock("layer", Linear.builder().setUnits(hidden).build());
    }

    @Override
    public int outputSize() {
        return hidden;
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
        NDList y = layer.forward(ps, new NDList(inputs.get(0)), training, params);
        return new NDList(Activation.relu(y.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1), hidden)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        layer.initialize(manager, dataType, inputShapes[0]);
    }

    /** {@code model.type: frame-mlp}, parameter {@code hidden} (32). */
    public static final class Factory extends AbstractPlugin implements TemporalModelFactory {
        public Factory() {
            super("frame-mlp", "every frame alone through one ReLU layer, no temporal context (a test plug-in)");
        }

        @Override
        public Map<String, Object> defaults() {
            return Map.of("hidden", 32);
        }

        @Override
        public int stride(int segmentLength, Map<String, Object> params) {
            return segmentLength;
        }

        @Override
        public TemporalModel create(int inputSize, float dropout, Map<String, Object> params) {
            return new FrameMlpModel(TemporalModelFactory.intParam(params, "hidden"));
        }
    }
}
