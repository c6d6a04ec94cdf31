package org.affect4j.predict.recipe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.predict.model.TransformerNet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java network computes what the trained DJL network computes, on the steps it may attend to. */
class TransformerNetExportTest {

    @Test
    void plainJavaLogitsEqualTheTrainedNetworks() throws Exception {
        int in = 5, steps = 23;
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = new ModelSpec("transformer", steps, 6, 0.3f, List.of(),
                    Map.of("width", 8, "layers", 2, "heads", 2, "feedForward", 10, "stride", 0));
            ExpressionNet net = new ExpressionNet(in, spec);
            net.initialize(m);
            Random rnd = new Random(7);
            float[] mean = new float[in], std = new float[in];
            for (int k = 0; k < in; k++) {
                mean[k] = (float) rnd.nextGaussian();
                std[k] = 0.5f + rnd.nextFloat();
            }
            float[][] x = new float[steps][in];
            boolean[] valid = new boolean[steps];
            float[] z = new float[steps * in], mask = new float[steps];
            for (int t = 0; t < steps; t++) {
                valid[t] = t % 5 != 3 && t < 20; // gaps and a padded tail
                mask[t] = valid[t] ? 1 : 0;
                for (int k = 0; k < in; k++) {
                    x[t][k] = mean[k] + std[k] * (float) rnd.nextGaussian() * 2;
                    z[t * in + k] = (x[t][k] - mean[k]) / std[k];
                }
            }
            NDArray logits = net.forward(new ParameterStore(m, false),
                    new NDList(m.create(z, new Shape(1, steps, in)), m.create(mask, new Shape(1, steps))), false).head();
            float[] djl = logits.toFloatArray();
            TransformerNet plain = TransformerNetExport.of(net, mean, std);
            ObjectMapper json = new ObjectMapper();
            TransformerNet read = json.readValue(json.writeValueAsString(plain), TransformerNet.class);
            float[][] a = plain.logits(x, valid), b = read.logits(x, valid);
            double worst = 0;
            for (int t = 0; t < steps; t++) {
                assertArrayEquals(a[t], b[t], "JSON round trip, step " + t);
                if (!valid[t]) continue;
                for (int c = 0; c < 8; c++) worst = Math.max(worst, Math.abs(a[t][c] - djl[t * 8 + c]));
            }
            System.out.printf("plain Java vs DJL transformer logits: max |diff| = %.3g%n", worst);
            assertTrue(worst < 1e-5, "max diff " + worst);
        }
    }

    @Test
    void refusesNetworksItCannotCopy() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec lstm = new ModelSpec("lstm", 8, 6, 0.3f, List.of(), Map.of("hidden", 4, "layers", 1));
            ExpressionNet net = new ExpressionNet(3, lstm);
            net.initialize(m);
            assertThrows(IllegalArgumentException.class, () -> TransformerNetExport.of(net, new float[3], new float[3]));
        }
    }
}
