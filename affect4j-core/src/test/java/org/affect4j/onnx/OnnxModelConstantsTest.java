package org.affect4j.onnx;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link OnnxModel#constants}: Constant nodes found at the top and inside If branches, keyed by where they sit. */
class OnnxModelConstantsTest {
    @Test
    void constantsInsideBranchesAreFoundWithTheirPath() {
        ProtoWriter inner = new ProtoWriter().message(1, constant("w", new long[] {2}, 1f, 2f)).string(2, "then");
        ProtoWriter elseBranch = new ProtoWriter().message(1, constant("w", new long[] {1}, 9f)).string(2, "else");
        ProtoWriter ifNode = new ProtoWriter().string(1, "cond").string(2, "y").string(4, "If")
                .message(5, new ProtoWriter().string(1, "then_branch").message(6, inner).varint(20, 5))
                .message(5, new ProtoWriter().string(1, "else_branch").message(6, elseBranch).varint(20, 5));
        ProtoWriter graph = new ProtoWriter().message(1, constant("top", new long[] {1, 1}, 3f)).message(1, ifNode);
        byte[] model = new ProtoWriter().varint(1, 8).message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 16)).toByteArray(); // an opset read() refuses
        Map<String, OnnxModel.Tensor> c = OnnxModel.constants(model);
        assertEquals(java.util.List.of("top", "then_branch/w", "else_branch/w"), java.util.List.copyOf(c.keySet()));
        assertArrayEquals(new float[] {1f, 2f}, c.get("then_branch/w").floats());
        assertArrayEquals(new long[] {2}, c.get("then_branch/w").dims());
        assertArrayEquals(new float[] {9f}, c.get("else_branch/w").floats());
        assertArrayEquals(new long[] {1, 1}, c.get("top").dims());
        assertEquals("w", c.get("then_branch/w").name(), "an unnamed tensor takes its node's output name");
    }

    private static ProtoWriter constant(String output, long[] dims, float... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) t.varint(1, d);
        t.varint(2, OnnxGraphBuilder.FLOAT).bytes(9, b.array());
        return new ProtoWriter().string(2, output).string(4, "Constant")
                .message(5, new ProtoWriter().string(1, "value").message(5, t).varint(20, 4));
    }
}
