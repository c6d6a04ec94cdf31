package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dropout with masks drawn in Java: PyTorch's semantics, reproducible from the seed, masks that stay as drawn. */
@ExtendWith(JavaMasks.class)
class MaskDropoutTest {
    /** Pinned, the masks are DJL's Dropout's: the same engine seed, the same mask as DJL's block draws. */
    @Test
    void pinnedRunsDrawTheEnginesMasks() {
        DjlRuntime.start(2);
        MaskDropout.useEngineMasks(true);
        try (NDManager m = NDManager.newBaseManager()) {
            MaskDropout ours = new MaskDropout(0.3f);
            ai.djl.nn.norm.Dropout djl = ai.djl.nn.norm.Dropout.builder().optRate(0.3f).build();
            Shape s = new Shape(64, 33);
            ours.initialize(m, DataType.FLOAT32, s);
            djl.initialize(m, DataType.FLOAT32, s);
            NDArray ones = m.ones(s);
            ParameterStore ps = new ParameterStore(m, false);
            ai.djl.engine.Engine.getInstance().setRandomSeed(9);
            float[] a = ours.forward(ps, new NDList(ones), true).head().toFloatArray();
            ai.djl.engine.Engine.getInstance().setRandomSeed(9);
            float[] b = djl.forward(ps, new NDList(ones), true).head().toFloatArray();
            assertArrayEquals(b, a, "DJL's masks, bit for bit");
        }
    }

    @Test
    void keepsOneMinusRateScaledAndIsTheIdentityOutOfTraining() {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            MaskDropout d = new MaskDropout(0.3f);
            d.initialize(m, DataType.FLOAT32, new Shape(1000, 1001));
            NDArray ones = m.ones(new Shape(1000, 1001));
            ParameterStore ps = new ParameterStore(m, false);
            MaskDropout.seed(11);
            float[] y = d.forward(ps, new NDList(ones), true).head().toFloatArray();
            int kept = 0;
            for (float v : y) {
                assertTrue(v == 0f || v == 1f / 0.7f, "0 or 1 / (1 - rate), got " + v);
                if (v != 0f) kept++;
            }
            assertEquals(0.7, (double) kept / y.length, 0.002, "kept share");
            assertArrayEquals(ones.toFloatArray(), d.forward(ps, new NDList(ones), false).head().toFloatArray(),
                    "no dropout at inference");
        }
    }

    @Test
    void theSameSeedDrawsTheSameMasksAndAMaskStaysAsDrawn() {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            MaskDropout d = new MaskDropout(0.5f);
            d.initialize(m, DataType.FLOAT32, new Shape(4097));
            NDArray ones = m.ones(new Shape(4097));
            ParameterStore ps = new ParameterStore(m, false);
            MaskDropout.seed(3);
            NDArray first = d.forward(ps, new NDList(ones), true).head();
            float[] drawn = first.toFloatArray();
            float[] second = d.forward(ps, new NDList(ones), true).head().toFloatArray();
            // the second draw reuses the thread's buffer: the first mask, still needed by its backward pass, must not move
            assertArrayEquals(drawn, first.toFloatArray(), "a mask stays as drawn");
            assertFalse(java.util.Arrays.equals(drawn, second), "the stream moves on");
            MaskDropout.seed(3);
            assertArrayEquals(drawn, d.forward(ps, new NDList(ones), true).head().toFloatArray(), "same seed, same mask");
        }
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MaskDropout(1f));
        assertThrows(IllegalArgumentException.class, () -> new MaskDropout(-0.1f));
    }
}
