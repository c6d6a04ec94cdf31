package org.affect4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX model (a single graph, default domain) and serialises it to the ONNX protobuf format.
 * Typed helpers write float inputs/outputs and float/int64 initialisers, which is all our converters need;
 * {@link OnnxModel} passes other tensors, attributes and value infos through as they were read.
 *
 * <p>Usage: add initialisers and nodes in topological order, declare inputs and outputs, then {@link #toBytes()}.
 * Field numbers follow {@code onnx.proto} (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto). Not thread-safe.
 */
public final class OnnxGraphBuilder {
    /** ONNX IR version written (IR 8 = ONNX 1.10+; ONNX Runtime 1.23 reads up to IR 11). */
    public static final long IR_VERSION = 8;
    /** Default-domain opset written; every op used here has had its current semantics since opset 13. */
    public static final long OPSET = 13;

    /** {@code TensorProto.DataType} codes. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;

    private final String graphName;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    /** Operator set domains other than ONNX's that nodes use (each imported at version 1, e.g. com.microsoft). */
    private final Set<String> domains = new java.util.TreeSet<>();
    private int counter;

    /** @param graphName name stored in the graph, e.g. the source model's file name */
    public OnnxGraphBuilder(String graphName) {
        this.graphName = graphName;
    }

    /** A fresh tensor name with the given prefix, unique in this graph. */
    public String fresh(String prefix) {
        String n;
        do {
            n = prefix + "__" + (counter++);
        } while (names.contains(n));
        names.add(n);
        return n;
    }

    /** Adds a float constant of shape {@code dims}; returns its name. */
    public String floatInit(String name, long[] dims, float[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensorInit(name, dims, FLOAT, b.array());
    }

    /** Adds a constant of any {@code dataType} from its little-endian {@code raw} bytes; returns its name. */
    public String tensorInit(String name, long[] dims, int dataType, byte[] raw) {
        initializers.add(tensor(name, dims, dataType, raw));
        names.add(name);
        return name;
    }

    /** Adds an int64 constant of shape {@code dims} (e.g. a shape or axes operand); returns its name. */
    public String longInit(String name, long[] dims, long[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return tensorInit(name, dims, INT64, b.array());
    }

    /** Declares a float graph input; a negative dimension is symbolic ({@code N}). */
    public void input(String name, long[] dims) {
        inputs.add(valueInfo(name, dims));
        names.add(name);
    }

    /** Declares a float graph output; {@code dims} may be null when the shape is left to the runtime. */
    public void output(String name, long[] dims) {
        outputs.add(valueInfo(name, dims));
    }

    /** Declares a graph input or output from its serialised {@code ValueInfoProto}, as read. */
    void rawValueInfo(boolean input, String name, byte[] valueInfo) {
        (input ? inputs : outputs).add(new ProtoWriter().raw(valueInfo));
        names.add(name);
    }

    /** Starts a node of type {@code opType}; finish it with {@link Node#add()}. */
    public Node node(String opType, List<String> in, String out) {
        return new Node(opType, in, List.of(out));
    }

    /** Starts a node with several outputs; {@link Node#add()} returns the first. */
    public Node node(String opType, List<String> in, List<String> outs) {
        return new Node(opType, in, outs);
    }

    /** Serialises the model. */
    public byte[] toBytes(String producer, String producerVersion) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, graphName);
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(v -> graph.message(11, v));
        outputs.forEach(v -> graph.message(12, v));
        ProtoWriter model = new ProtoWriter();
        model.varint(1, IR_VERSION);
        model.string(2, producer);
        model.string(3, producerVersion);
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        domains.forEach(d -> model.message(8, new ProtoWriter().string(1, d).varint(2, 1)));
        return model.toByteArray();
    }

    /** A node under construction: set attributes, then {@link #add()}. */
    public final class Node {
        private final ProtoWriter w = new ProtoWriter();
        private final List<String> outs;

        private Node(String opType, List<String> in, List<String> outs) {
            this.outs = outs;
            in.forEach(i -> w.string(1, i));
            outs.forEach(o -> w.string(2, o));
            w.string(3, outs.get(0));
            w.string(4, opType);
        }

        /** An attribute from its serialised {@code AttributeProto}, as read. */
        Node rawAttr(byte[] attribute) {
            w.bytes(5, attribute);
            return this;
        }

        /** The operator set domain (default: the ONNX domain). */
        public Node domain(String domain) {
            if (!domain.isEmpty()) {
                w.string(7, domain);
                domains.add(domain);
            }
            return this;
        }

        /** An INT attribute. */
        public Node attr(String name, long value) {
            w.bytes(5, intAttribute(name, value));
            return this;
        }

        /** A FLOAT attribute. */
        public Node attr(String name, float value) {
            w.message(5, new ProtoWriter().string(1, name).float32(2, value).varint(20, 1));
            return this;
        }

        /** A STRING attribute. */
        public Node attr(String name, String value) {
            w.message(5, new ProtoWriter().string(1, name).string(4, value).varint(20, 3));
            return this;
        }

        /** An INTS attribute. */
        public Node attr(String name, long[] values) {
            ProtoWriter a = new ProtoWriter().string(1, name);
            for (long v : values) {
                a.varint(8, v);
            }
            w.message(5, a.varint(20, 7));
            return this;
        }

        /** Appends the node to the graph; returns its output name. */
        public String add() {
            nodes.add(w);
            names.addAll(outs);
            return outs.get(0);
        }
    }

    /** A serialised INT {@code AttributeProto}, as {@link OnnxModel.Node} carries attributes. */
    public static byte[] intAttribute(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2).toByteArray();
    }

    private static ProtoWriter tensor(String name, long[] dims, int type, byte[] raw) {
        ProtoWriter t = new ProtoWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).string(8, name).bytes(9, raw);
    }

    private static ProtoWriter valueInfo(String name, long[] dims) {
        ProtoWriter tensorType = new ProtoWriter().varint(1, FLOAT);
        if (dims != null) {
            ProtoWriter shape = new ProtoWriter();
            for (long d : dims) {
                shape.message(1, d < 0 ? new ProtoWriter().string(2, "N") : new ProtoWriter().varint(1, d));
            }
            tensorType.message(2, shape);
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    private static void checkCount(String name, long[] dims, int n) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != n) {
            throw new IllegalArgumentException("initialiser " + name + ": shape holds " + expected
                    + " values, got " + n);
        }
    }
}
