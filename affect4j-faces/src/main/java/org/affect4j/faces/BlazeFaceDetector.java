package org.affect4j.faces;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.affect4j.data.RgbImage;

/**
 * MediaPipe BlazeFace run with ONNX Runtime. The frame is letterboxed (aspect kept, black borders, bilinear) into
 * the square model input as NHWC RGB scaled to [-1, 1], as MediaPipe's {@code ImageToTensorCalculator} does; raw
 * outputs are decoded by {@link BlazeFaceDecoder} and mapped back to frame pixels.
 *
 * <p>The ONNX files of {@value BlazeFaceModel#PACKAGE} split the outputs by feature map: two score tensors
 * {@code [1, 512, 1]}, {@code [1, 384, 1]} and two regressor tensors {@code [1, 512, 16]}, {@code [1, 384, 16]}
 * (the 16x16 then the 8x8 map), which concatenated in name order give MediaPipe's 896 rows.
 *
 * <p>Thread-safe: {@link #detect} may be called from several threads (ONNX Runtime sessions are); the caller owns
 * the {@link OrtEnvironment} and this detector, and closes the detector.
 */
public final class BlazeFaceDetector implements FaceDetector {
    /** MediaPipe's {@code min_score_thresh} for the face detection graphs. */
    public static final double DEFAULT_MIN_SCORE = 0.5;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final List<String> scoreOutputs = new ArrayList<>();
    private final List<String> regressorOutputs = new ArrayList<>();
    private final BlazeFaceModel model;
    private final BlazeFaceDecoder decoder;
    private final List<SsdAnchors.Anchor> anchors;
    /**
     * Each detecting thread's input values and the direct buffer the runtime reads them from, kept between frames: a
     * heap buffer would be copied by ONNX Runtime into a new direct buffer every frame (allocated, zeroed, freed).
     */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(0));

    private static final class Scratch {
        final float[] values;
        final FloatBuffer direct;

        Scratch(int n) {
            values = new float[n];
            direct = java.nio.ByteBuffer.allocateDirect(n * Float.BYTES).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        }
    }

    /** Decoders of other minimum scores ({@link #detect(RgbImage, double)}), made when first asked for. */
    private final java.util.concurrent.ConcurrentHashMap<Double, BlazeFaceDecoder> decoders = new java.util.concurrent.ConcurrentHashMap<>();

    private BlazeFaceDetector(OrtEnvironment env, OrtSession session, BlazeFaceModel model, double minScore)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.model = model;
        this.inputName = session.getInputNames().iterator().next();
        this.anchors = model.anchorOptions().generate();
        this.decoder = decoder(minScore);
        // name order (Identity, Identity_1, ...) is feature-map order in these exports
        Map<String, NodeInfo> outs = new TreeMap<>(session.getOutputInfo());
        long scoreRows = 0, regressRows = 0;
        for (Map.Entry<String, NodeInfo> e : outs.entrySet()) {
            long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
            long last = shape[shape.length - 1];
            if (last == 1) {
                scoreOutputs.add(e.getKey());
                scoreRows += shape[shape.length - 2];
            } else if (last == BlazeFaceDecoder.COORDS) {
                regressorOutputs.add(e.getKey());
                regressRows += shape[shape.length - 2];
            }
        }
        if (scoreRows != anchors.size() || regressRows != anchors.size()) {
            throw new IllegalStateException(model.fileName() + " does not look like BlazeFace: " + scoreRows
                    + " score rows and " + regressRows + " regressor rows for " + anchors.size() + " anchors");
        }
    }

    /** {@link #create(OrtEnvironment, BlazeFaceModel, int, double)} with MediaPipe's minimum score 0.5. */
    public static BlazeFaceDetector create(OrtEnvironment env, BlazeFaceModel model, int intraOpThreads) {
        return create(env, model, intraOpThreads, DEFAULT_MIN_SCORE);
    }

    /**
     * Loads {@code model} from the installed npm package.
     *
     * @param env            the ONNX Runtime environment (owned by the caller, not closed here)
     * @param intraOpThreads threads ONNX Runtime may use inside one inference (set explicitly: its default is all cores)
     * @param minScore       detections scoring lower are dropped
     * @throws IllegalStateException when the package is not installed or the session cannot be created
     */
    public static BlazeFaceDetector create(OrtEnvironment env, BlazeFaceModel model, int intraOpThreads,
                                           double minScore) {
        return create(env, model, model.locate(), intraOpThreads, minScore);
    }

    /** Loads a BlazeFace ONNX file of the layout of {@code model} from {@code file}. */
    public static BlazeFaceDetector create(OrtEnvironment env, BlazeFaceModel model, Path file, int intraOpThreads,
                                           double minScore) {
        if (intraOpThreads < 1) throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            // ONNX Runtime's idle intra-op threads busy-wait by default; on a small machine that steals the cores
            // the decoder and the other detection workers need, and one BlazeFace inference is only milliseconds
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            // the exports carry unused constant initialisers; ONNX Runtime warns about each one at load
            opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            OrtSession session = env.createSession(file.toString(), opts);
            try {
                return new BlazeFaceDetector(env, session, model, minScore);
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load BlazeFace model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The network this detector runs. */
    public BlazeFaceModel model() {
        return model;
    }

    @Override
    public List<Face> detect(RgbImage image) {
        return detect(image, decoder);
    }

    @Override
    public List<Face> detect(RgbImage image, double minScore) {
        return detect(image, decoders.computeIfAbsent(minScore, this::decoder));
    }

    private BlazeFaceDecoder decoder(double minScore) {
        return new BlazeFaceDecoder(anchors, model.inputSize(), minScore, WeightedNms.DEFAULT_IOU_THRESHOLD);
    }

    private List<Face> detect(RgbImage image, BlazeFaceDecoder decoder) {
        int s = model.inputSize();
        double scale = (double) s / Math.max(image.width(), image.height());
        double padX = (s - image.width() * scale) / 2;
        double padY = (s - image.height() * scale) / 2;
        SimilarityTransform imageToInput = new SimilarityTransform(scale, 0, padX, padY);
        RgbImage input = ImageWarp.warp(image, imageToInput.inverse(), s, s);
        float[][] raw = run(input);
        List<Face> faces = decoder.decode(raw[0], raw[1]);
        List<Face> out = new ArrayList<>(faces.size());
        for (Face f : faces) out.add(f.mapped(1 / scale, -padX / scale, 1 / scale, -padY / scale));
        return out;
    }

    /** A byte's value on the network's [-1, 1] scale, {@code v / 127.5f - 1f}: a lookup, not a division per value. */
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < UNIT.length; i++) UNIT[i] = i / 127.5f - 1f;
    }

    /** Runs the network on a letterboxed input; returns {scores, regressors} concatenated over feature maps. */
    private float[][] run(RgbImage input) {
        byte[] px = input.rgb();
        Scratch sc = scratch.get();
        if (sc.values.length != px.length) {
            sc = new Scratch(px.length);
            scratch.set(sc);
        }
        float[] v = sc.values;
        for (int i = 0; i < px.length; i++) v[i] = UNIT[px[i] & 0xff];
        FloatBuffer buf = sc.direct;
        buf.clear();
        buf.put(v).flip();
        int s = model.inputSize();
        try (OnnxTensor t = OnnxTensor.createTensor(env, buf, new long[] {1, s, s, 3});
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            return new float[][] {concat(r, scoreOutputs), concat(r, regressorOutputs)};
        } catch (OrtException e) {
            throw new IllegalStateException("BlazeFace inference failed: " + e.getMessage(), e);
        }
    }

    private static float[] concat(OrtSession.Result r, List<String> names) {
        List<FloatBuffer> parts = new ArrayList<>();
        int n = 0;
        for (String name : names) {
            FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
            parts.add(fb);
            n += fb.remaining();
        }
        float[] out = new float[n];
        int o = 0;
        for (FloatBuffer fb : parts) {
            int len = fb.remaining();
            fb.get(out, o, len);
            o += len;
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the BlazeFace session: " + e.getMessage(), e);
        }
    }
}
