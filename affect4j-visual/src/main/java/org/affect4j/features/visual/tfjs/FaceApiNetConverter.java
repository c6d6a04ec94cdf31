package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Converts face-api's expression network ({@code face_expression_model-weights_manifest.json} + shard) or its
 * 68-point landmark network ({@code face_landmark_68_model-weights_manifest.json}), which share one backbone, to ONNX.
 * face-api nets are not graph models: the layer structure lives in the package's JavaScript source
 * ({@code src/faceFeatureExtractor/FaceFeatureExtractor.ts}, {@code denseBlock.ts}, {@code faceProcessor}), and is
 * rebuilt here op for op: four dense blocks of 4 convolutions (the first a plain 3x3 conv, the rest depthwise-separable,
 * each block's conv0 with stride 2, "same" padding), a 7x7 average pool, and a fully connected layer: 256 to 7 class
 * scores for expressions ({@link Head#SOFTMAX}), 256 to 136 coordinates for landmarks ({@link Head#LINEAR}, face-api's
 * {@code FaceLandmark68Net.runNet}).
 *
 * <p>The ONNX model takes {@value #INPUT} {@code [N,112,112,3]} already normalised ({@code (rgb - meanRgb) / 255},
 * as face-api does before the first layer) and has two outputs: {@value #FEATURES} {@code [N,256]} (the pooled
 * backbone features) and either {@value #SCORES} {@code [N,7]} (softmax over neutral, happy, sad, angry, fearful,
 * disgusted, surprised) or {@value #LANDMARKS} {@code [N,136]} (68 points, x then y, as fractions of the input's width
 * and height, in the iBUG 68-point order).
 */
public final class FaceApiNetConverter {
    /** Manifest file name inside the package's {@code model/} folder. */
    public static final String MANIFEST = "face_expression_model-weights_manifest.json";
    /** The landmark net's manifest file name inside the package's {@code model/} folder. */
    public static final String LANDMARK_MANIFEST = "face_landmark_68_model-weights_manifest.json";
    /** Input tensor name. */
    public static final String INPUT = "input";
    /** Output with the 256-d backbone features. */
    public static final String FEATURES = "features";
    /** Output with the 7 class probabilities. */
    public static final String SCORES = "scores";
    /** Output with the 68 landmarks of {@link Head#LINEAR}. */
    public static final String LANDMARKS = "landmarks";

    /** What follows the fully connected layer. */
    public enum Head {
        /** The expression net: a softmax, output {@value #SCORES}. */
        SOFTMAX,
        /** The landmark net: the layer's values as they are, output {@value #LANDMARKS}. */
        LINEAR
    }

    private final Head head;

    private OnnxGraphBuilder g;
    private Map<String, TfjsTensor> w;
    private String source;

    /** A converter of the expression net. */
    public FaceApiNetConverter() {
        this(Head.SOFTMAX);
    }

    /** A converter of the net whose fully connected layer is followed by {@code head}. */
    public FaceApiNetConverter(Head head) {
        this.head = head;
    }

    /**
     * Converts the model whose manifest is {@code manifest}; shards are looked up beside it.
     *
     * @return the ONNX model bytes
     * @throws IllegalArgumentException if the manifest is malformed or lacks a weight the network needs
     */
    public byte[] convert(Path manifest) {
        return convert(weights(manifest), manifest.toString());
    }

    /**
     * Reads the weights of the model whose manifest is {@code manifest} (shards beside it), by tfjs name and layout.
     *
     * @throws IllegalArgumentException if the manifest is malformed
     */
    public static Map<String, TfjsTensor> weights(Path manifest) {
        try {
            return TfjsWeights.load(new ObjectMapper().readTree(manifest.toFile()), manifest.getParent(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    /**
     * Converts weights given by tfjs name and layout (as {@link #weights} reads them, or fine-tuned ones).
     *
     * @param source what the weights came from, named in error messages
     * @return the ONNX model bytes
     * @throws IllegalArgumentException if a weight the network needs is missing
     */
    public byte[] convert(Map<String, TfjsTensor> weights, String source) {
        this.source = source;
        this.w = weights;
        g = new OnnxGraphBuilder(head == Head.SOFTMAX ? "faceapi-expression" : "faceapi-landmark68");
        g.input(INPUT, new long[] {-1, 112, 112, 3});
        String x = g.node("Transpose", List.of(INPUT), g.fresh("nchw")).attr("perm", new long[] {0, 3, 1, 2}).add();
        x = denseBlock(x, "dense0", true);
        x = denseBlock(x, "dense1", false);
        x = denseBlock(x, "dense2", false);
        x = denseBlock(x, "dense3", false);
        x = g.node("AveragePool", List.of(x), g.fresh("pool")).attr("kernel_shape", new long[] {7, 7})
                .attr("strides", new long[] {2, 2}).attr("auto_pad", "VALID").add();
        g.node("Flatten", List.of(x), FEATURES).attr("axis", 1L).add();
        TfjsTensor fcW = weight("fc/weights");
        TfjsTensor fcB = weight("fc/bias");
        String out = head == Head.SOFTMAX ? SCORES : LANDMARKS;
        String fc = g.node("Gemm", List.of(FEATURES,
                        g.floatInit("fc/weights", Layouts.toLongs(fcW.shape()), fcW.requireFloats()),
                        g.floatInit("fc/bias", Layouts.toLongs(fcB.shape()), fcB.requireFloats())),
                head == Head.SOFTMAX ? g.fresh("logits") : out).add();
        if (head == Head.SOFTMAX) {
            g.node("Softmax", List.of(fc), out).attr("axis", 1L).add();
        }
        g.output(FEATURES, new long[] {-1, fcW.shape()[0]});
        g.output(out, new long[] {-1, fcW.shape()[1]});
        return g.toBytes("affect4j FaceApiNetConverter", "1");
    }

    /** denseBlock4 of face-api: out = relu(o1 + (o2 + (o3 + o4))) with the additions in the same order. */
    private String denseBlock(String x, String p, boolean first) {
        String o1;
        if (first) {
            TfjsTensor f = weight(p + "/conv0/filters");
            TfjsTensor b = weight(p + "/conv0/bias");
            o1 = g.node("Conv", List.of(x,
                            g.floatInit(f.name(), new long[] {f.shape()[3], f.shape()[2], f.shape()[0], f.shape()[1]},
                                    Layouts.convFilter(f.requireFloats(), f.shape())),
                            g.floatInit(b.name(), Layouts.toLongs(b.shape()), b.requireFloats())),
                    g.fresh(p + "/conv0")).attr("strides", new long[] {2, 2}).attr("auto_pad", "SAME_UPPER").add();
        } else {
            o1 = separable(x, p + "/conv0", 2);
        }
        o1 = relu(o1);
        String o2 = separable(o1, p + "/conv1", 1);
        String in3 = relu(add(o1, o2));
        String o3 = separable(in3, p + "/conv2", 1);
        String in4 = relu(add(o1, add(o2, o3)));
        String o4 = separable(in4, p + "/conv3", 1);
        return relu(add(o1, add(o2, add(o3, o4))));
    }

    /** tf.separableConv2d (depthwise 3x3 with stride, then pointwise 1x1) plus bias. */
    private String separable(String x, String p, int stride) {
        TfjsTensor dw = weight(p + "/depthwise_filter");
        TfjsTensor pw = weight(p + "/pointwise_filter");
        TfjsTensor b = weight(p + "/bias");
        int[] ds = dw.shape();
        int[] ps = pw.shape();
        String d = g.node("Conv", List.of(x, g.floatInit(dw.name(),
                        new long[] {(long) ds[2] * ds[3], 1, ds[0], ds[1]}, Layouts.depthwiseFilter(dw.requireFloats(), ds))),
                g.fresh(p + "/depthwise")).attr("group", (long) ds[2]).attr("strides", new long[] {stride, stride})
                .attr("auto_pad", "SAME_UPPER").add();
        return g.node("Conv", List.of(d,
                        g.floatInit(pw.name(), new long[] {ps[3], ps[2], 1, 1}, Layouts.convFilter(pw.requireFloats(), ps)),
                        g.floatInit(b.name(), Layouts.toLongs(b.shape()), b.requireFloats())),
                g.fresh(p + "/pointwise")).add();
    }

    private String relu(String x) {
        return g.node("Relu", List.of(x), g.fresh("relu")).add();
    }

    private String add(String a, String b) {
        return g.node("Add", List.of(a, b), g.fresh("add")).add();
    }

    private TfjsTensor weight(String name) {
        TfjsTensor t = w.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": weight " + name + " is missing; are these a face-api"
                    + " expression or 68-point landmark model's weights?");
        }
        return t;
    }

    /** True if {@code dir} holds the expression model's manifest. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }
}
