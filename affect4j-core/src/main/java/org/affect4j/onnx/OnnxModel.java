package org.affect4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model read back into editable parts: nodes in order, initialisers by name, and the graph's inputs and
 * outputs; written again through {@link OnnxGraphBuilder}. Attributes, inputs and outputs are carried as the bytes
 * read, so a transformation ({@link Int8Quantizer}) touches only what it changes. Reads what our converters write
 * (one graph, tensors in {@code raw_data}, the default domain at {@link OnnxGraphBuilder#OPSET}); anything else is
 * refused with a message rather than half-read.
 */
public final class OnnxModel {
    /** A constant tensor: name, shape, {@code TensorProto.DataType} code and little-endian bytes. */
    public record Tensor(String name, long[] dims, int dataType, byte[] raw) {
        /** A float tensor. */
        public static Tensor ofFloats(String name, long[] dims, float[] values) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values);
            return new Tensor(name, dims, OnnxGraphBuilder.FLOAT, b.array());
        }

        /** The values of a float tensor. */
        public float[] floats() {
            if (dataType != OnnxGraphBuilder.FLOAT) {
                throw new IllegalStateException("initialiser " + name + " has data type " + dataType + ", not float");
            }
            float[] v = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }

        /** Number of values. */
        public long size() {
            long n = 1;
            for (long d : dims) n *= d;
            return n;
        }
    }

    /** A node: operator, input and output names, domain, and its attributes as serialised {@code AttributeProto}s. */
    public record Node(String opType, List<String> inputs, List<String> outputs, String domain, List<byte[]> attributes) {
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attributes = List.copyOf(attributes);
        }

        /** The same node reading other inputs. */
        public Node withInputs(List<String> newInputs) {
            return new Node(opType, newInputs, outputs, domain, attributes);
        }

        /** The first output. */
        public String output() {
            return outputs.get(0);
        }
    }

    /** {@code TensorProto} fields holding values other than {@code raw_data} (float, int32, string, int64, double, uint64). */
    private static final java.util.Set<Integer> TYPED_FIELDS = java.util.Set.of(4, 5, 6, 7, 10, 11);

    private final String graphName;
    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;
    private final Map<String, byte[]> inputs;
    private final Map<String, byte[]> outputs;

    private OnnxModel(String graphName, List<Node> nodes, Map<String, Tensor> initializers, Map<String, byte[]> inputs,
                      Map<String, byte[]> outputs) {
        this.graphName = graphName;
        this.nodes = nodes;
        this.initializers = initializers;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Parses a serialised {@code ModelProto}.
     *
     * @throws IllegalArgumentException if it is malformed or uses what this reader does not carry (see the class)
     */
    public static OnnxModel read(byte[] model) {
        byte[] graph = null;
        for (ProtoReader.Field f : ProtoReader.fields(model)) {
            if (f.number() == 7) {
                graph = f.bytes();
            } else if (f.number() == 8) {
                String domain = "";
                long version = 0;
                for (ProtoReader.Field o : ProtoReader.fields(f.bytes())) {
                    if (o.number() == 1) domain = o.string();
                    if (o.number() == 2) version = o.varint();
                }
                if (!domain.isEmpty() || version != OnnxGraphBuilder.OPSET) {
                    throw new IllegalArgumentException("ONNX model imports opset '" + domain + "' " + version
                            + "; only the default domain at opset " + OnnxGraphBuilder.OPSET + " is read");
                }
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("ONNX model has no graph");
        }
        String name = "";
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> inits = new LinkedHashMap<>();
        Map<String, byte[]> ins = new LinkedHashMap<>();
        Map<String, byte[]> outs = new LinkedHashMap<>();
        for (ProtoReader.Field f : ProtoReader.fields(graph)) {
            switch (f.number()) {
                case 1 -> nodes.add(node(f.bytes()));
                case 2 -> name = f.string();
                case 5 -> {
                    Tensor t = tensor(f.bytes());
                    inits.put(t.name(), t);
                }
                case 11 -> ins.put(valueInfoName(f.bytes()), f.bytes());
                case 12 -> outs.put(valueInfoName(f.bytes()), f.bytes());
                default -> {
                    // value_info (shape hints) and doc strings: the runtime infers shapes again
                }
            }
        }
        ins.keySet().removeAll(inits.keySet()); // old exporters list initialisers as inputs too
        return new OnnxModel(name, nodes, inits, ins, outs);
    }

    /**
     * The op types of a model's nodes in order, whatever its opsets and domains: for checks of what a runtime made of a
     * graph (e.g. its saved optimised form), which {@link #read} does not take.
     */
    public static List<String> opTypes(byte[] model) {
        List<String> ops = new ArrayList<>();
        for (ProtoReader.Field f : ProtoReader.fields(model)) {
            if (f.number() != 7) continue;
            for (ProtoReader.Field g : ProtoReader.fields(f.bytes())) {
                if (g.number() != 1) continue;
                for (ProtoReader.Field n : ProtoReader.fields(g.bytes())) {
                    if (n.number() == 4) ops.add(n.string());
                }
            }
        }
        return ops;
    }

    /**
     * The tensors of a model's {@code Constant} nodes, those inside subgraphs ({@code If} branches, loop bodies)
     * included, whatever its opsets: for rebuilding a network whose exporter left its weights as constants rather than
     * initialisers. Keyed by the node's output name, prefixed by the attribute names of the subgraphs it sits in
     * ({@code then_branch/else_branch/name}); constants not stored in {@code raw_data} are left out.
     */
    public static Map<String, Tensor> constants(byte[] model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ProtoReader.Field f : ProtoReader.fields(model)) {
            if (f.number() == 7) constants(f.fields(), "", out);
        }
        return out;
    }

    private static void constants(List<ProtoReader.Field> graph, String path, Map<String, Tensor> out) {
        for (ProtoReader.Field g : graph) {
            if (g.number() != 1) continue;
            List<ProtoReader.Field> node = g.fields();
            String op = "", output = null;
            for (ProtoReader.Field f : node) {
                if (f.number() == 4) op = f.string();
                if (f.number() == 2 && output == null) output = f.string();
            }
            for (ProtoReader.Field a : node) {
                if (a.number() != 5) continue;
                List<ProtoReader.Field> attr = a.fields();
                String name = "";
                for (ProtoReader.Field f : attr) if (f.number() == 1) name = f.string();
                for (ProtoReader.Field f : attr) {
                    if (f.number() == 6) constants(f.fields(), path + name + "/", out); // a subgraph
                    // values in typed fields are left out: none of the weights the rebuilds using this read
                    if (f.number() == 5 && op.equals("Constant") && name.equals("value") && output != null
                            && inRawData(f.fields())) {
                        out.put(path + output, tensor(f.bytes(), output));
                    }
                }
            }
        }
    }

    /** True when a serialised {@code TensorProto} keeps its values in {@code raw_data}, not in typed fields. */
    private static boolean inRawData(List<ProtoReader.Field> tensor) {
        for (ProtoReader.Field f : tensor) {
            if (TYPED_FIELDS.contains(f.number())) return false;
        }
        return true;
    }

    /** The nodes in order (a copy). */
    public List<Node> nodes() {
        return new ArrayList<>(nodes);
    }

    /** The initialisers by name (a copy, in file order). */
    public Map<String, Tensor> initializers() {
        return new LinkedHashMap<>(initializers);
    }

    /** Names of the graph's inputs. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** Names of the graph's outputs. */
    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    /** A model with the same inputs and outputs and the given nodes and initialisers. */
    public OnnxModel with(List<Node> newNodes, Map<String, Tensor> newInitializers) {
        return new OnnxModel(graphName, new ArrayList<>(newNodes), new LinkedHashMap<>(newInitializers), inputs, outputs);
    }

    /** Serialises the model (IR {@link OnnxGraphBuilder#IR_VERSION}, opset {@link OnnxGraphBuilder#OPSET}). */
    public byte[] toBytes(String producer, String producerVersion) {
        OnnxGraphBuilder g = new OnnxGraphBuilder(graphName);
        initializers.values().forEach(t -> g.tensorInit(t.name(), t.dims(), t.dataType(), t.raw()));
        inputs.forEach((n, v) -> g.rawValueInfo(true, n, v));
        for (Node n : nodes) {
            OnnxGraphBuilder.Node b = g.node(n.opType(), n.inputs(), n.outputs()).domain(n.domain());
            n.attributes().forEach(b::rawAttr);
            b.add();
        }
        outputs.forEach((n, v) -> g.rawValueInfo(false, n, v));
        return g.toBytes(producer, producerVersion);
    }

    private static Node node(byte[] b) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<byte[]> attrs = new ArrayList<>();
        String op = null;
        String domain = "";
        for (ProtoReader.Field f : ProtoReader.fields(b)) {
            switch (f.number()) {
                case 1 -> in.add(f.string());
                case 2 -> out.add(f.string());
                case 4 -> op = f.string();
                case 5 -> attrs.add(f.bytes());
                case 7 -> domain = f.string();
                default -> {
                    // the node's name and doc string: names are made again from the outputs
                }
            }
        }
        if (op == null || out.isEmpty()) {
            throw new IllegalArgumentException("ONNX node without an op type or output");
        }
        return new Node(op, in, out, domain, attrs);
    }

    private static Tensor tensor(byte[] b) {
        return tensor(b, null);
    }

    /** @param unnamed the name of a tensor that has none (a Constant node's, named by its output) */
    private static Tensor tensor(byte[] b, String unnamed) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = null;
        byte[] raw = null;
        for (ProtoReader.Field f : ProtoReader.fields(b)) {
            switch (f.number()) {
                case 1 -> {
                    if (f.wireType() == 0) {
                        dims.add(f.varint());
                    } else { // packed
                        for (long d : ProtoReader.packedVarints(f.bytes())) dims.add(d);
                    }
                }
                case 2 -> type = (int) f.varint();
                case 8 -> name = f.string();
                case 9 -> raw = f.bytes();
                default -> {
                    if (TYPED_FIELDS.contains(f.number())) {
                        throw new IllegalArgumentException("initialiser " + name
                                + " stores its values in typed fields; only raw_data is read");
                    }
                }
            }
        }
        if (name == null) name = unnamed;
        if (name == null) {
            throw new IllegalArgumentException("ONNX initialiser without a name");
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        return new Tensor(name, d, type, raw == null ? new byte[0] : raw);
    }

    private static String valueInfoName(byte[] b) {
        for (ProtoReader.Field f : ProtoReader.fields(b)) {
            if (f.number() == 1) return f.string();
        }
        throw new IllegalArgumentException("ONNX graph input or output without a name");
    }
}
