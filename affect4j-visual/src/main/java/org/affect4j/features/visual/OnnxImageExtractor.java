package org.affect4j.features.visual;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Bring your own ONNX model": runs any image model described by an {@link OnnxImageConfig} on face crops
 * and returns one flattened output vector per image. The named extractors ({@code faceapi-expr}, {@code faceres},
 * {@code mobilefacenet}, ...) are presets of this class, see {@link VisualExtractors}.
 *
 * <p>Owns an ONNX Runtime session (close it). Images are run in batches of at most {@link #maxBatch()} (one by one
 * if the model's batch size is fixed at 1). The input must be rank 4 in the configured layout; a static size in the
 * model that disagrees with the config fails at construction. Safe for use by one thread at a time.
 */
public final class OnnxImageExtractor implements FrameFeatureExtractor {
    /**
     * Most input pixels (images x width x height) sent to the runtime in one run: one image of 112x112 or larger.
     * Larger batches cost more CPU an image, not less: on an Intel Xeon (AVX-512, 1 intra-op thread) 1 image a run
     * took 5.2 CPU-ms for {@code mobilefacenet} and 1.4 for {@code faceapi-expr} against 6.2 and 1.6 in runs of 4 and
     * 6.5 and 1.8 in runs of 16 (the activations spill out of the caches; ONNX Runtime's arena also keeps the largest
     * run's memory for good), and each image's output is bit for bit the same alone or in a batch
     * ({@code OnnxImageExtractorTest}).
     */
    public static final int BATCH_PIXELS = 112 * 112;

    private final OnnxImageConfig cfg;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ImagePreprocessor pre;
    private final String inputName;
    private final String outputName;
    private final int dimension;
    private final int maxBatch;
    /** Input of one run, reused: a direct buffer is passed to the runtime without a copy. */
    private final FloatBuffer input;
    private final float[] scratch;
    private final Map<String, String> provenance = new LinkedHashMap<>();

    /** Opens the model with {@code threads} intra-op threads on the shared ONNX Runtime environment. */
    public OnnxImageExtractor(OnnxImageConfig cfg, int threads) {
        this(cfg, threads, OrtEnvironment.getEnvironment(), Map.of());
    }

    /**
     * Opens the model.
     *
     * @param cfg        what to run and how
     * @param threads    intra-op threads (>= 1)
     * @param env        the ONNX Runtime environment (owned by the caller)
     * @param provenance extra provenance entries (e.g. the source package of a converted model)
     * @throws IllegalArgumentException if the model cannot be loaded or does not fit the config
     */
    public OnnxImageExtractor(OnnxImageConfig cfg, int threads, OrtEnvironment env, Map<String, String> provenance) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.cfg = cfg;
        this.env = env;
        this.pre = new ImagePreprocessor(cfg);
        try {
            // at the highest optimisation level, saved once optimised (OptimizedModels)
            session = OptimizedModels.create(env, cfg.model(), OptimizedModels.cacheDir(), () -> {
                OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                // idle intra-op threads would busy-wait between the many small ops, taking the cores that decoding,
                // detection or other processes need (1.5-2x slower face nets on a busy 2-core machine)
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                return opts;
            });
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load ONNX model " + cfg.model() + " for extractor " + cfg.id()
                    + ": " + e.getMessage(), e);
        }
        try {
            inputName = pick(cfg.input(), session.getInputInfo(), "input");
            outputName = pick(cfg.output(), session.getOutputInfo(), "output");
            maxBatch = checkInput(session.getInputInfo().get(inputName)) ? 1
                    : Math.max(1, BATCH_PIXELS / (cfg.width() * cfg.height()));
            scratch = new float[maxBatch * pre.imageSize()];
            input = ByteBuffer.allocateDirect(scratch.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            dimension = cfg.dimension() > 0 ? cfg.dimension() : probeDimension();
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("extractor " + cfg.id() + " (" + cfg.model() + "): " + e.getMessage(), e);
        }
        this.provenance.put("id", cfg.id());
        this.provenance.put("model", cfg.model().toString());
        this.provenance.put("model_sha256", ConvertedModels.sha256(cfg.model()));
        this.provenance.put("input", inputName + " " + cfg.layout() + " " + cfg.width() + "x" + cfg.height() + " "
                + cfg.colour());
        this.provenance.put("normalisation", "(pixel*" + cfg.scale() + " - " + Arrays.toString(cfg.mean()) + ") / "
                + Arrays.toString(cfg.std()));
        this.provenance.put("resize", "bilinear " + cfg.resize());
        this.provenance.put("output", outputName + " [" + dimension + "]");
        this.provenance.put("onnxruntime", env.getVersion());
        this.provenance.putAll(provenance);
    }

    @Override
    public String id() {
        return cfg.id();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Most images per runtime call (see {@link #BATCH_PIXELS}); longer lists are split. */
    public int maxBatch() {
        return maxBatch;
    }

    /** The configuration this extractor runs. */
    public OnnxImageConfig config() {
        return cfg;
    }

    /**
     * @return one {@link #dimension()}-long vector per face, in order; an empty list gives an empty array
     * @throws IllegalArgumentException if an image is null
     * @throws IllegalStateException if the runtime fails or the output size changes
     */
    @Override
    public float[][] extract(List<RgbImage> faces) {
        float[][] out = new float[faces.size()][];
        for (int start = 0; start < faces.size(); start += maxBatch) {
            List<RgbImage> batch = faces.subList(start, Math.min(faces.size(), start + maxBatch));
            float[][] r = run(batch);
            System.arraycopy(r, 0, out, start, r.length);
        }
        return out;
    }

    @Override
    public Map<String, String> provenance() {
        return Map.copyOf(provenance);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session of " + cfg.id() + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing with a more useful message
        }
    }

    private float[][] run(List<RgbImage> batch) {
        int n = batch.size();
        int per = pre.imageSize();
        for (int i = 0; i < n; i++) {
            pre.write(batch.get(i), scratch, i * per);
        }
        input.clear();
        input.put(scratch, 0, n * per).flip();
        long[] shape = cfg.layout() == OnnxImageConfig.Layout.NHWC
                ? new long[] {n, cfg.height(), cfg.width(), cfg.channels()}
                : new long[] {n, cfg.channels(), cfg.height(), cfg.width()};
        try (OnnxTensor in = OnnxTensor.createTensor(env, input, shape);
             OrtSession.Result res = session.run(Map.of(inputName, in), Set.of(outputName))) {
            OnnxTensor t = (OnnxTensor) res.get(0);
            FloatBuffer fb = t.getFloatBuffer();
            int d = fb.remaining() / n;
            if (dimension > 0 && d != dimension) {
                throw new IllegalStateException("extractor " + cfg.id() + ": output " + outputName + " has " + d
                        + " values per image, expected " + dimension);
            }
            float[][] r = new float[n][d];
            for (int i = 0; i < n; i++) {
                fb.get(r[i]);
            }
            return r;
        } catch (OrtException e) {
            throw new IllegalStateException("extractor " + cfg.id() + ": ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private int probeDimension() {
        RgbImage blank = new RgbImage(cfg.width(), cfg.height(), new byte[cfg.width() * cfg.height() * 3]);
        return run(List.of(blank))[0].length;
    }

    private String pick(String wanted, Map<String, NodeInfo> infos, String what) {
        if (wanted == null) {
            return infos.keySet().iterator().next();
        }
        if (!infos.containsKey(wanted)) {
            throw new IllegalArgumentException("extractor " + cfg.id() + ": model " + cfg.model() + " has no " + what
                    + " named '" + wanted + "'; it has " + infos.keySet());
        }
        return wanted;
    }

    /** Checks the input against the config; true if the model's batch size is fixed at 1. */
    private boolean checkInput(NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo ti)) {
            throw new IllegalArgumentException("extractor " + cfg.id() + ": input " + inputName + " is not a tensor");
        }
        long[] s = ti.getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("extractor " + cfg.id() + ": input " + inputName + " of " + cfg.model()
                    + " has rank " + s.length + " " + Arrays.toString(s) + ", expected a rank-4 image batch");
        }
        long[] expected = cfg.layout() == OnnxImageConfig.Layout.NHWC
                ? new long[] {-1, cfg.height(), cfg.width(), cfg.channels()}
                : new long[] {-1, cfg.channels(), cfg.height(), cfg.width()};
        for (int i = 1; i < 4; i++) {
            if (s[i] > 0 && s[i] != expected[i]) {
                throw new IllegalArgumentException("extractor " + cfg.id() + ": input " + inputName + " of "
                        + cfg.model() + " has shape " + Arrays.toString(s) + ", but the config (" + cfg.layout() + ", "
                        + cfg.width() + "x" + cfg.height() + ", " + cfg.colour() + ") implies "
                        + Arrays.toString(expected));
            }
        }
        return s[0] == 1;
    }
}
