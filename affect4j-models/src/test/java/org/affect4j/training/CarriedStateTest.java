package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.affect4j.data.FramePredictions;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.training.data.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Carried state is right: a video run as non-overlapping segments whose final LSTM state starts the next segment
 * (through the batcher's lanes, several videos interleaved in one batch) gives the same per-frame outputs as the
 * whole video run as one sequence.
 */
class CarriedStateTest {

    @Test
    void segmentsWithCarriedStateEqualOneLongSequence() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = new ModelSpec("lstm", 8, 6, 0.3f, List.of(10), Map.of("hidden", 12, "layers", 2));
            int dim = 5;
            ExpressionNet net = new ExpressionNet(dim, spec);
            net.initialize(m);
            Random rnd = new Random(3);
            List<Sequence> videos = new ArrayList<>();
            for (int frames : new int[] {37, 8, 21, 50, 3}) {
                float[] x = new float[frames * dim];
                for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextGaussian();
                videos.add(new Sequence("v" + frames, frames, dim, x, new int[frames]));
            }
            // batch 2: lanes interleave the five videos, resetting state when a lane takes a new video
            List<FramePredictions> segmented = SequencePredictor.predict(net, m, videos, 2).predictions();
            ParameterStore ps = new ParameterStore(m, false);
            double worst = 0;
            for (int v = 0; v < videos.size(); v++) {
                Sequence s = videos.get(v);
                NDArray x = m.create(s.x(), new Shape(1, s.frames(), dim));
                NDArray logits = net.forward(ps, new NDList(x, m.ones(new Shape(1, s.frames()))), false).head();
                float[] p = logits.softmax(-1).toFloatArray();
                assertEquals(s.frames(), segmented.get(v).frames());
                for (int f = 0; f < s.frames(); f++) {
                    for (int c = 0; c < 8; c++) {
                        worst = Math.max(worst, Math.abs(p[f * 8 + c] - segmented.get(v).probability(f, c)));
                    }
                }
            }
            System.out.printf("carried state vs one sequence: max |diff| = %.3g%n", worst);
            assertTrue(worst < 1e-5, "max diff " + worst);
        }
    }
}
