package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default weight initialisation for {@code nn.Linear}: uniform in {@code ±1/sqrt(fanIn)} where fanIn is
 * the last dimension of the weight {@code [out, in]} (kaiming-uniform with a = sqrt(5)). DJL's default is He-normal,
 * which trains these models visibly differently from the reference; this keeps the two comparable.
 */
public final class FanInUniformInitializer implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.get(shape.dimension() - 1) : shape.get(0);
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
