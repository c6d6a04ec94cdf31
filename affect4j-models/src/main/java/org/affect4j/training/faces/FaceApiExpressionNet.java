package org.affect4j.training.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * face-api's expression network (its {@code FaceExpressionNet}: {@code FaceFeatureExtractor} + a fully connected
 * layer) as a DJL block, built from the weights by their TensorFlow.js names and layouts, the same net
 * {@code affect4j-visual}'s {@code FaceApiNetConverter} writes as ONNX: four dense blocks of four
 * convolutions ({@code dense0/conv0} a plain 3x3 conv, the others depthwise-separable with bias; each block's
 * {@code conv0} with stride 2; TensorFlow "same" padding, which for stride 2 on an even size pads only after), dense
 * connections, ReLU, a 7x7 average pool, then {@code fc}.
 *
 * <p>Input {@code [N, 112, 112, 3]} NHWC, already normalised ({@code (rgb - meanRgb) / 255}); outputs
 * {@code features [N, 256]} and {@code logits [N, 7]} in face-api's class order ({@link #FACEAPI_CLASSES}; the
 * softmax of the logits is face-api's score). Convolution weights are held in PyTorch's layout and converted on the
 * way in and out ({@link #weights()} returns the TensorFlow.js layout again).
 */
public final class FaceApiExpressionNet extends AbstractBlock {
    /** face-api's output classes, in the order of its {@code fc} columns. */
    public static final List<String> FACEAPI_CLASSES =
            List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");
    /**
     * face-api's output index of each ABAW expression class (0 Neutral, 1 Anger, 2 Disgust, 3 Fear, 4 Happiness,
     * 5 Sadness, 6 Surprise).
     */
    private static final int[] FACEAPI_OF_ABAW = {0, 3, 5, 4, 1, 2, 6};
    /** Input side in pixels. */
    public static final int SIZE = 112;
    private static final int BLOCKS = 4;
    private static final int CONVS = 4;

    /** How a weight is laid out in TensorFlow.js and in the engine. */
    private enum Kind { CONV, DEPTHWISE, PLAIN }

    private record Entry(Parameter parameter, Kind kind, int[] tfShape) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final NDManager manager;

    /**
     * Builds the net with the given weights as its parameters on {@code manager} (which must outlive the net).
     *
     * @param weights TensorFlow.js weights by name, as face-api's manifest names them
     * @throws IllegalArgumentException a weight is missing or has a shape the structure does not fit
     */
    public FaceApiExpressionNet(NDManager manager, Map<String, NamedTensor> weights) {
        this.manager = manager;
        for (int b = 0; b < BLOCKS; b++) {
            for (int c = 0; c < CONVS; c++) {
                String p = "dense" + b + "/conv" + c;
                if (b == 0 && c == 0) {
                    add(weights, p + "/filters", Kind.CONV, 4);
                } else {
                    add(weights, p + "/depthwise_filter", Kind.DEPTHWISE, 4);
                    add(weights, p + "/pointwise_filter", Kind.CONV, 4);
                }
                add(weights, p + "/bias", Kind.PLAIN, 1);
            }
        }
        add(weights, "fc/weights", Kind.PLAIN, 2);
        add(weights, "fc/bias", Kind.PLAIN, 1);
        initialize(manager, DataType.FLOAT32, new Shape(1, SIZE, SIZE, 3));
    }

    private void add(Map<String, NamedTensor> weights, String name, Kind kind, int rank) {
        NamedTensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("weight " + name + " is missing; are these face-api's expression model weights?");
        }
        if (t.shape().length != rank) {
            throw new IllegalArgumentException("weight " + t + " should have rank " + rank);
        }
        int[] s = t.shape();
        NDArray array = switch (kind) {
            // [kh, kw, in, out] -> [out, in, kh, kw]
            case CONV -> manager.create(permute(t.values(), s, 3, 2, 0, 1), new Shape(s[3], s[2], s[0], s[1]));
            // [kh, kw, in, m] -> [in * m, 1, kh, kw]: output channel c*m + j of group c, as TensorFlow numbers it
            case DEPTHWISE -> manager.create(permute(t.values(), s, 2, 3, 0, 1), new Shape((long) s[2] * s[3], 1, s[0], s[1]));
            case PLAIN -> manager.create(t.values().clone(), new Shape(toLongs(s)));
        };
        Parameter p = addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build());
        entries.put(name, new Entry(p, kind, s.clone()));
    }

    /** The current parameters as TensorFlow.js weights (names, shapes and layouts as face-api's manifest), in order. */
    public Map<String, NamedTensor> weights() {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            int[] s = e.getValue().tfShape();
            float[] v = e.getValue().parameter().getArray().toFloatArray();
            float[] tf = switch (e.getValue().kind()) {
                case CONV -> permute(v, new int[] {s[3], s[2], s[0], s[1]}, 2, 3, 1, 0);
                case DEPTHWISE -> permute(v, new int[] {s[2], s[3], s[0], s[1]}, 2, 3, 0, 1);
                case PLAIN -> v;
            };
            out.put(e.getKey(), new NamedTensor(e.getKey(), s, tf));
        }
        return out;
    }

    /** The trainable parameters, in a fixed order. */
    public List<Parameter> parameterList() {
        List<Parameter> out = new ArrayList<>();
        for (Entry e : entries.values()) out.add(e.parameter());
        return out;
    }

    /** face-api's output index of ABAW class {@code abaw} (0 Neutral ... 6 Surprise). */
    public static int faceApiIndex(int abaw) {
        return FACEAPI_OF_ABAW[abaw];
    }

    /** Scores (or logits) of one row in face-api's order re-ordered to the ABAW order. */
    public static float[] toAbawOrder(float[] faceApi) {
        float[] out = new float[FACEAPI_OF_ABAW.length];
        for (int k = 0; k < out.length; k++) out[k] = faceApi[FACEAPI_OF_ABAW[k]];
        return out;
    }

    /**
     * Features and class scores.
     *
     * @param features {@code [n * 256]} row-major
     * @param scores   {@code [n * 7]} softmax in face-api's class order
     */
    public record Output(float[] features, float[] scores) {
    }

    /**
     * Inference on {@code n} crops given as {@code [n, 112, 112, 3]} row-major normalised values; no gradients.
     */
    public Output predict(float[] crops, int n) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(crops, new Shape(n, SIZE, SIZE, 3));
            NDList out = forward(new ParameterStore(sub, false), new NDList(x), false);
            return new Output(out.get(0).toFloatArray(), out.get(1).softmax(1).toFloatArray());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head().transpose(0, 3, 1, 2);
        for (int b = 0; b < BLOCKS; b++) {
            x = denseBlock(ps, x, "dense" + b, b == 0, training);
        }
        // the 7x7 average pool over the 7x7 map of the last block is the mean over the spatial axes
        NDArray features = x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
        NDArray logits = features.matMul(value(ps, "fc/weights", training)).add(value(ps, "fc/bias", training));
        return new NDList(features, logits);
    }

    /** face-api's denseBlock4: out = relu(o1 + (o2 + (o3 + o4))), additions in the same order as its source. */
    private NDArray denseBlock(ParameterStore ps, NDArray x, String p, boolean first, boolean training) {
        NDArray o1 = first
                ? conv(x, value(ps, p + "/conv0/filters", training), value(ps, p + "/conv0/bias", training), 2, 1)
                : separable(ps, x, p + "/conv0", 2, training);
        o1 = Activation.relu(o1);
        NDArray o2 = separable(ps, o1, p + "/conv1", 1, training);
        NDArray o3 = separable(ps, Activation.relu(o1.add(o2)), p + "/conv2", 1, training);
        NDArray o4 = separable(ps, Activation.relu(o1.add(o2.add(o3))), p + "/conv3", 1, training);
        return Activation.relu(o1.add(o2.add(o3.add(o4))));
    }

    /** tf.separableConv2d (depthwise 3x3 with stride, then pointwise 1x1) plus bias. */
    private NDArray separable(ParameterStore ps, NDArray x, String p, int stride, boolean training) {
        NDArray dw = value(ps, p + "/depthwise_filter", training);
        NDArray d = conv(x, dw, null, stride, (int) x.getShape().get(1));
        return conv(d, value(ps, p + "/pointwise_filter", training), value(ps, p + "/bias", training), 1, 1);
    }

    /** Convolution with TensorFlow's "same" padding: total padding split with the extra pixel after. */
    private static NDArray conv(NDArray x, NDArray w, NDArray bias, int stride, int groups) {
        int k = (int) w.getShape().get(2);
        int[] ph = samePadding(x.getShape().get(2), k, stride);
        int[] pw = samePadding(x.getShape().get(3), k, stride);
        Shape padding;
        if (ph[0] == ph[1] && pw[0] == pw[1]) {
            padding = new Shape(ph[0], pw[0]);
        } else {
            // the engine pads symmetrically only; pad explicitly (last axis first: left, right, top, bottom)
            x = x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), 0);
            padding = new Shape(0, 0);
        }
        return x.getNDArrayInternal().convolution(x, w, bias, new Shape(stride, stride), padding, new Shape(1, 1), groups).head();
    }

    /** {before, after} padding of TensorFlow's "same" for an axis of {@code size}. */
    static int[] samePadding(long size, int kernel, int stride) {
        long out = (size + stride - 1) / stride;
        int total = (int) Math.max((out - 1) * stride + kernel - size, 0);
        return new int[] {total / 2, total - total / 2};
    }

    private NDArray value(ParameterStore ps, String name, boolean training) {
        return ps.getValue(entries.get(name).parameter(), manager.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape fc = entries.get("fc/weights").parameter().getArray().getShape();
        return new Shape[] {new Shape(n, fc.get(0)), new Shape(n, fc.get(1))};
    }

    /** Transposes a row-major tensor of {@code shape}: output axis {@code i} is input axis {@code axes[i]}. */
    static float[] permute(float[] v, int[] shape, int... axes) {
        int rank = shape.length;
        int[] inStride = new int[rank];
        int s = 1;
        for (int a = rank - 1; a >= 0; a--) {
            inStride[a] = s;
            s *= shape[a];
        }
        int[] outShape = new int[rank];
        int[] step = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[axes[i]];
            step[i] = inStride[axes[i]];
        }
        float[] out = new float[v.length];
        int[] idx = new int[rank];
        int src = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = v[src];
            for (int i = rank - 1; i >= 0; i--) {
                idx[i]++;
                src += step[i];
                if (idx[i] < outShape[i]) break;
                src -= step[i] * outShape[i];
                idx[i] = 0;
            }
        }
        return out;
    }

    private static long[] toLongs(int[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[i];
        return r;
    }
}
