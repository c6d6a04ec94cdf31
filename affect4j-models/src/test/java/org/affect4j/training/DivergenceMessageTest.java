package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A diverged run's message names the parameters whose gradients broke, nearest the loss first. */
class DivergenceMessageTest {
    @Test
    void namesTheNonFiniteGradientNearestTheLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            ExpressionNet net = new ExpressionNet(5, new ModelSpec("transformer", 8, 6, 0f, List.of(10),
                    Map.of("width", 8, "layers", 1, "heads", 2, "feedForward", 16, "stride", 0)));
            net.initialize(m);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(m, false),
                        new NDList(m.randomNormal(new Shape(2, 8, 5)), m.ones(new Shape(2, 8))), true).head();
                gc.backward(y.sum());
            }
            assertEquals("every gradient finite", EpochTrainer.nonFiniteGradients(net));
            List<Pair<String, Parameter>> params = net.getParameters().stream().toList();
            int total = params.size();
            // a NaN in an early parameter, infinities in a later one: the later is named, both are counted
            params.get(1).getValue().getArray().getGradient().muli(Float.NaN);
            String later = params.get(total - 3).getKey();
            params.get(total - 3).getValue().getArray().getGradient().addi(Float.POSITIVE_INFINITY);
            assertEquals("2 of " + total + " parameters' gradients not finite, nearest the loss " + later + " (infinite)",
                    EpochTrainer.nonFiniteGradients(net));
        }
    }
}
