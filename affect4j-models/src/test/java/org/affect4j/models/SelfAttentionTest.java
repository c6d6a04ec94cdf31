package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our attention block against DJL's {@code ScaledDotProductAttentionBlock}, which networks trained before it used:
 * the weights saved by either load into the other and give the same outputs (padding keys masked), and its
 * probabilities' dropout acts in training only.
 */
@ExtendWith(JavaMasks.class)
class SelfAttentionTest {
    private static final int WIDTH = 16;
    private static final int HEADS = 4;

    @Test
    void checkpointsOfDjlsBlockLoadAndComputeTheSame() throws Exception {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            ScaledDotProductAttentionBlock djl = ScaledDotProductAttentionBlock.builder().setEmbeddingSize(WIDTH)
                    .setHeadCount(HEADS).optAttentionProbsDropoutProb(0.3f).build();
            SelfAttention ours = new SelfAttention(WIDTH, HEADS, 0.3f);
            NDList in = inputs(m);
            djl.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
            djl.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            ours.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            copy(djl, ours, m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray want = djl.forward(ps, in, false).head();
            NDArray got = ours.forward(ps, in, false).head();
            assertTrue(want.sub(got).abs().max().getFloat() < 1e-5f, "our block computes DJL's");
            assertTrue(want.abs().max().getFloat() > 0.1f, "a non-trivial output");
            // and back: our checkpoint into DJL's block
            SelfAttention other = new SelfAttention(WIDTH, HEADS, 0.3f);
            other.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            ScaledDotProductAttentionBlock back = ScaledDotProductAttentionBlock.builder().setEmbeddingSize(WIDTH)
                    .setHeadCount(HEADS).build();
            back.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            copy(other, back, m);
            assertTrue(other.forward(ps, in, false).head().sub(back.forward(ps, in, false).head()).abs().max()
                    .getFloat() < 1e-5f, "DJL's block computes ours");
        }
    }

    @Test
    void paddingKeysDoNotCountAndDropoutActsInTrainingOnly() {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            SelfAttention a = new SelfAttention(WIDTH, HEADS, 0.5f);
            NDList in = inputs(m);
            a.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y = a.forward(ps, in, false).head();
            // changing the padded frames (the last 3 of the second sequence) leaves its real frames' outputs alone
            NDArray x2 = in.get(0).duplicate();
            x2.set(new ai.djl.ndarray.index.NDIndex("1, 5:"), 7f);
            NDArray y2 = a.forward(ps, new NDList(x2, in.get(1)), false).head();
            assertTrue(y.get("1, :5").sub(y2.get("1, :5")).abs().max().getFloat() < 1e-6f, "padding keys masked");
            assertTrue(y.get("1, 5:").sub(y2.get("1, 5:")).abs().max().getFloat() > 1e-3f, "the padded frames changed");
            assertEquals(0f, a.forward(ps, in, false).head().sub(y).abs().max().getFloat(), "no dropout at inference");
            MaskDropout.seed(5);
            assertTrue(a.forward(ps, in, true).head().sub(y).abs().max().getFloat() > 1e-3f, "dropout in training");
        }
    }

    /**
     * Pinned runs build the encoder layer with DJL's block and masks (they must repeat runs made before our block bit
     * for bit), others with ours; both give their maps in PyTorch's order and compute the same from the same weights.
     */
    @Test
    void pinnedLayersKeepDjlsBlock() throws Exception {
        DjlRuntime.start(2);
        try (NDManager m = NDManager.newBaseManager()) {
            MaskDropout.useEngineMasks(true);
            PostNormEncoderLayer pinned = new PostNormEncoderLayer(WIDTH, HEADS, 24, 0.3f);
            MaskDropout.useEngineMasks(false);
            PostNormEncoderLayer free = new PostNormEncoderLayer(WIDTH, HEADS, 24, 0.3f);
            assertTrue(pinned.getChildren().get("01attention") instanceof ScaledDotProductAttentionBlock, "pinned: DJL's");
            assertTrue(free.getChildren().get("01attention") instanceof SelfAttention, "otherwise ours");
            NDList in = inputs(m);
            pinned.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            free.initialize(m, DataType.FLOAT32, in.get(0).getShape());
            ParameterStore ps = new ParameterStore(m, false);
            pinned.forward(ps, in, true); // a training pass sets the dropouts' input shapes, as a checkpoint needs
            free.forward(ps, in, true);
            copy(pinned, free, m);
            assertArrayEquals(pinned.attentionMaps().get(0).getParameters().get("weight").getArray().toFloatArray(),
                    free.attentionMaps().get(0).getParameters().get("weight").getArray().toFloatArray(), "query map");
            ps = new ParameterStore(m, false); // the first one holds the arrays from before the copy
            float d = pinned.forward(ps, in, false).head().sub(free.forward(ps, in, false).head()).abs().max().getFloat();
            assertTrue(d < 1e-5f, "the same layer either way: " + d);
        }
    }

    /** x [2, 8, WIDTH] and the key mask offset [2, 1, 1, 8]: the second sequence's last 3 frames are padding. */
    private static NDList inputs(NDManager m) {
        NDArray x = m.randomNormal(new Shape(2, 8, WIDTH));
        float[] offset = new float[16];
        for (int t = 5; t < 8; t++) offset[8 + t] = -1e5f;
        return new NDList(x, m.create(offset, new Shape(2, 1, 1, 8)));
    }

    /** Saves {@code from}'s parameters as a checkpoint does and loads them into {@code to}. */
    private static void copy(AbstractBlock from, AbstractBlock to, NDManager m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            from.saveParameters(out);
        }
        to.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
