package org.affect4j.features.audio;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.util.HashMemo;
import org.affect4j.store.FeatureMatrix;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bring-your-own ONNX audio model: runs a user's exported network (wav2vec2, HuBERT, ECAPA-TDNN, a VAD...) on the
 * 16 kHz signal as its {@link OnnxAudioConfig} describes, either window by window (optionally carrying a recurrent
 * state and a few samples of context, as Silero VAD needs) or once over the whole signal. A preset may run a graph
 * rebuilt from the model instead, several consecutive windows a call ({@link SileroVad}).
 *
 * <p>Framed mode: row {@code r} is the model's flattened output for samples {@code [r hop, r hop + window)}
 * (zero-padded past the end), so there are {@code ceil((n - window) / hop) + 1} rows for {@code n > 0} samples.
 * Rows whose window held a non-finite sample are invalid (the sample is fed as 0). The output dimension is found
 * by one call on silence at construction, which also checks the tensor names.
 *
 * <p>Owns an {@link OrtSession}: close it. {@link #extract} may be called from several threads (ONNX Runtime
 * sessions are thread-safe and the state lives in the call).
 */
public class OnnxAudioExtractor implements AudioFeatureExtractor, TimedRows, StreamingExtractor {
    private final OnnxAudioConfig config;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int dimension;
    private final String sha256;
    /** Framed mode: consecutive windows given to one call (the model's first axis), 1 for a per-window model. */
    private final int windowsPerCall;
    /** True when a rebuild of the model's file runs instead of the file. */
    private final boolean rebuilt;

    /** Opens the model; throws {@link IllegalArgumentException} if it does not load or the names do not match. */
    public OnnxAudioExtractor(OnnxAudioConfig config) {
        this(config, null, 1);
    }

    /**
     * Runs {@code graph} (a rebuild of {@code config.model()}'s file, which stays the provenance) instead of it, in
     * framed mode {@code windowsPerCall} consecutive windows a call: the graph takes {@code [k, context + window]} and
     * carries its state through the {@code k} windows in order, giving {@code [k, dim]}. A stream then holds back up
     * to {@code windowsPerCall - 1} complete windows until a call's worth is in (or the signal ends).
     */
    OnnxAudioExtractor(OnnxAudioConfig config, Path graph, int windowsPerCall) {
        if (windowsPerCall < 1 || (windowsPerCall > 1 && config.window() <= 0)) {
            throw new IllegalArgumentException("windows per call must be >= 1, and 1 unless the model is framed");
        }
        this.config = config;
        this.windowsPerCall = windowsPerCall;
        this.rebuilt = graph != null;
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(config.threads());
            o.setInterOpNumThreads(1);
            this.session = env.createSession((graph == null ? config.model() : graph).toString(), o);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load ONNX model " + config.model() + ": " + e.getMessage(), e);
        }
        try {
            checkNames();
            int probeLength = config.window() > 0 ? config.window() : AudioFeatureExtractor.SAMPLE_RATE;
            FeatureMatrix probe = run(new float[probeLength]);
            this.dimension = probe.dim();
        } catch (RuntimeException e) {
            closeSession();
            throw e;
        }
        this.sha256 = HashMemo.sha256(config.model()); // provenance; hashing 2.3 MB took 15-20 ms of predict's start
    }

    private void checkNames() {
        java.util.Set<String> in = session.getInputNames();
        java.util.Set<String> out = session.getOutputNames();
        java.util.List<String> need = new java.util.ArrayList<>(config.constants().keySet());
        need.add(config.input());
        if (config.state() != null) need.add(config.state().input());
        for (String n : need) {
            if (!in.contains(n)) {
                throw new IllegalArgumentException("ONNX model " + config.model() + " has no input '" + n
                        + "'; its inputs are " + in);
            }
        }
        if (!in.containsAll(need) || in.size() != need.size()) {
            throw new IllegalArgumentException("ONNX model " + config.model() + " expects inputs " + in
                    + " but the config provides " + need);
        }
        for (String n : config.state() == null ? java.util.List.of(config.output())
                : java.util.List.of(config.output(), config.state().output())) {
            if (!out.contains(n)) {
                throw new IllegalArgumentException("ONNX model " + config.model() + " has no output '" + n
                        + "'; its outputs are " + out);
            }
        }
    }

    @Override
    public String id() { return config.id(); }

    @Override
    public int dimension() { return dimension; }

    @Override
    public double rate() { return config.rate(); }

    @Override
    public double firstRowSeconds() {
        return config.window() > 0 ? config.window() / 2.0 / SAMPLE_RATE : 0.5 / config.outputRate();
    }

    /** The configuration this extractor runs. */
    public OnnxAudioConfig config() { return config; }

    @Override
    public FeatureMatrix extract(float[] samples) {
        FeatureMatrix m = run(samples);
        if (m.dim() != dimension) {
            throw new IllegalStateException("ONNX model " + config.model() + " returned " + m.dim()
                    + " values per row, expected " + dimension);
        }
        return m;
    }

    private FeatureMatrix run(float[] samples) {
        try {
            return config.window() > 0 ? runFramed(samples) : runWhole(samples);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + config.model() + " failed: " + e.getMessage(), e);
        }
    }

    private FeatureMatrix runFramed(float[] samples) throws OrtException {
        try (Stream s = open()) {
            return concat(s.push(samples == null ? new float[0] : samples), s.finish());
        }
    }

    private static FeatureMatrix concat(FeatureMatrix a, FeatureMatrix b) {
        if (b.rows() == 0) return a;
        if (a.rows() == 0) return b;
        float[] d = java.util.Arrays.copyOf(a.data(), a.data().length + b.data().length);
        System.arraycopy(b.data(), 0, d, a.data().length, b.data().length);
        boolean[] v = java.util.Arrays.copyOf(a.valid(), a.rows() + b.rows());
        System.arraycopy(b.valid(), 0, v, a.rows(), b.rows());
        return new FeatureMatrix(a.rows() + b.rows(), a.dim(), d, v);
    }

    @Override
    public boolean streams() {
        return config.window() > 0;
    }

    @Override
    public Stream open() {
        if (!streams()) throw new IllegalStateException("ONNX model " + config.model() + " runs on the whole signal at once");
        try {
            return new FramedStream();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX model " + config.model() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Framed mode over a signal given in pieces: keeps the samples the next row needs (its context included) and
     * the recurrent state, so pieces of any size give the rows of one pass.
     */
    private final class FramedStream implements Stream {
        private final int window = config.window();
        private final int hop = config.hop();
        private final int ctx = config.context();
        private final int length = ctx + window; // samples one window's input holds
        private final float[] input = new float[windowsPerCall * length];
        private final Map<String, OnnxTensor> constants = constantTensors();
        // the input and state tensors over direct buffers, refilled in place for every call: ONNX Runtime reads
        // direct buffers without a copy, and a tensor a window (plus its state) was most of the per-window cost of
        // a small model like Silero VAD. A call of fewer windows than usual (the signal's end) gets tensors of its own.
        private final FloatBuffer inputBuffer = direct(windowsPerCall * length);
        private final FloatBuffer stateBuffer;
        private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>(constants);
        private OnnxTensor inputTensor;
        private OnnxTensor state;
        private float[] pending = new float[0]; // samples from global index pendingStart on
        private long pendingStart;
        private int pendingLength;
        private long received;
        private int nextRow;

        FramedStream() throws OrtException {
            stateBuffer = config.state() == null ? null : direct((int) count(config.state().shape()));
            try {
                inputTensor = OnnxTensor.createTensor(env, inputBuffer, new long[] {windowsPerCall, length});
                inputs.put(config.input(), inputTensor);
                if (stateBuffer != null) {
                    state = OnnxTensor.createTensor(env, stateBuffer, config.state().shape());
                    inputs.put(config.state().input(), state);
                }
            } catch (OrtException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public FeatureMatrix push(float[] samples) {
            append(samples);
            int complete = 0; // rows whose window lies wholly in what has arrived
            while ((long) (nextRow + complete) * hop + window <= received) complete++;
            return rows(complete - complete % windowsPerCall);
        }

        @Override
        public FeatureMatrix finish() {
            long total = received == 0 ? 0 : (Math.max(0, received - window) + hop - 1) / hop + 1;
            return rows((int) (total - nextRow));
        }

        private void append(float[] samples) {
            if (pendingLength + samples.length > pending.length) {
                pending = java.util.Arrays.copyOf(pending, Math.max(pendingLength + samples.length, pending.length * 2));
            }
            System.arraycopy(samples, 0, pending, pendingLength, samples.length);
            pendingLength += samples.length;
            received += samples.length;
        }

        /** Runs the next {@code count} rows (windows zero-padded past the samples received). */
        private FeatureMatrix rows(int count) {
            float[] out = new float[count * Math.max(1, dimension)];
            boolean[] valid = new boolean[count];
            int dim = -1;
            try {
                for (int k = 0; k < count; ) {
                    int n = Math.min(windowsPerCall, count - k);
                    for (int i = 0; i < n; i++) valid[k + i] = fill(nextRow + i, i * length);
                    float[] y = run(n);
                    if (dim < 0) {
                        dim = y.length / n;
                        if (out.length != count * dim) out = new float[count * dim];
                    } else if (y.length != n * dim) {
                        throw new IllegalStateException("ONNX model " + config.model() + " output '" + config.output()
                                + "' changed size from " + dim + " to " + y.length / n + " at row " + nextRow);
                    }
                    for (int j = 0; j < n * dim; j++) out[k * dim + j] = Signals.finite(y[j], 0f);
                    k += n;
                    nextRow += n;
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX model " + config.model() + " failed: " + e.getMessage(), e);
            }
            forget((long) nextRow * hop - ctx);
            int d = dim < 0 ? Math.max(1, dimension) : dim;
            return new FeatureMatrix(count, d, count == 0 ? new float[0] : out, valid);
        }

        /** Copies row {@code row}'s input (context, then window) to {@code input} at {@code at}; false if it held a bad sample. */
        private boolean fill(int row, int at) {
            long start = (long) row * hop - ctx;
            boolean finite = true;
            for (int j = 0; j < length; j++) {
                long g = start + j;
                float v = g >= 0 && g < received ? pending[(int) (g - pendingStart)] : 0f;
                // as Signals.clean: the bad sample is fed as 0 and spoils the rows whose window holds it
                if (!Float.isFinite(v)) {
                    v = 0f;
                    if (j >= ctx) finite = false;
                }
                input[at + j] = v;
            }
            return finite;
        }

        /** One call on the first {@code n} windows of {@code input}; the state is carried to the next call. */
        private float[] run(int n) throws OrtException {
            inputBuffer.put(0, input, 0, n * length);
            OnnxTensor fewer = n == windowsPerCall ? null
                    : OnnxTensor.createTensor(env, inputBuffer.duplicate().limit(n * length).slice(), new long[] {n, length});
            if (fewer != null) inputs.put(config.input(), fewer);
            try (OrtSession.Result res = session.run(inputs)) {
                float[] y = flatten(res, config.output());
                if (state != null) {
                    float[] s = flatten(res, config.state().output());
                    if (s.length != stateBuffer.capacity()) {
                        throw new IllegalStateException("ONNX model " + config.model() + " state output '"
                                + config.state().output() + "' has " + s.length + " values, expected " + stateBuffer.capacity());
                    }
                    stateBuffer.put(0, s);
                }
                return y;
            } finally {
                if (fewer != null) {
                    inputs.put(config.input(), inputTensor);
                    fewer.close();
                }
            }
        }

        /** Drops the samples before global index {@code keepFrom}: no later row reads them. */
        private void forget(long keepFrom) {
            int n = (int) Math.min(pendingLength, Math.max(0, keepFrom - pendingStart));
            if (n == 0) return;
            System.arraycopy(pending, n, pending, 0, pendingLength - n);
            pendingLength -= n;
            pendingStart += n;
        }

        @Override
        public void close() {
            if (state != null) state.close();
            if (inputTensor != null) inputTensor.close();
            constants.values().forEach(OnnxTensor::close);
        }
    }

    private FeatureMatrix runWhole(float[] samples) throws OrtException {
        Signals.Clean in = Signals.clean(samples, id(), 0, 1, 1);
        float[] x = in.samples();
        boolean bad = x != samples;
        if (x.length == 0) return new FeatureMatrix(0, Math.max(1, dimension), new float[0], new boolean[0]);
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>(constantTensors());
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, x.length})) {
            inputs.put(config.input(), t);
            try (OrtSession.Result res = session.run(inputs)) {
                OnnxValue v = res.get(config.output()).orElseThrow();
                long[] shape = ((OnnxTensor) v).getInfo().getShape();
                float[] y = flatten(res, config.output());
                int dim = (int) shape[shape.length - 1];
                int rows = y.length / dim;
                float[] out = new float[y.length];
                for (int i = 0; i < y.length; i++) out[i] = Signals.finite(y[i], 0f);
                boolean[] valid = new boolean[rows];
                // a whole-signal model mixes every sample into every row: one bad sample spoils them all
                java.util.Arrays.fill(valid, !bad);
                return new FeatureMatrix(rows, dim, out, valid);
            }
        } finally {
            inputs.forEach((k, t) -> {
                if (!k.equals(config.input())) t.close();
            });
        }
    }

    private Map<String, OnnxTensor> constantTensors() throws OrtException {
        Map<String, OnnxTensor> m = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxAudioConfig.Constant> e : config.constants().entrySet()) {
            OnnxAudioConfig.Constant c = e.getValue();
            if (c.type().equals("int64")) {
                long[] v = new long[c.values().length];
                for (int i = 0; i < v.length; i++) v[i] = (long) c.values()[i];
                m.put(e.getKey(), OnnxTensor.createTensor(env, LongBuffer.wrap(v), c.shape()));
            } else {
                float[] v = new float[c.values().length];
                for (int i = 0; i < v.length; i++) v[i] = (float) c.values()[i];
                m.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(v), c.shape()));
            }
        }
        return m;
    }

    private float[] flatten(OrtSession.Result res, String name) throws OrtException {
        OnnxValue v = res.get(name).orElseThrow(() -> new IllegalStateException("no output '" + name + "'"));
        if (!(v instanceof OnnxTensor t)) {
            throw new IllegalStateException("ONNX output '" + name + "' is not a tensor");
        }
        FloatBuffer b = t.getFloatBuffer();
        if (b == null) throw new IllegalStateException("ONNX output '" + name + "' is not float32");
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** A zeroed direct float buffer in native order, which ONNX Runtime tensors use in place. */
    private static FloatBuffer direct(int n) {
        return java.nio.ByteBuffer.allocateDirect(n * Float.BYTES).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("extractor", getClass().getName());
        p.put("model", config.model().toString());
        p.put("model.sha256", sha256);
        p.put("window", Integer.toString(config.window()));
        p.put("hop", Integer.toString(config.hop()));
        p.put("context", Integer.toString(config.context()));
        p.put("input", config.input());
        p.put("output", config.output());
        if (rebuilt) p.put("graph", "rebuilt from the model, " + windowsPerCall + " windows a call");
        p.put("onnxruntime", OrtEnvironment.getEnvironment().getVersion());
        return p;
    }

    @Override
    public void close() {
        closeSession();
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session of " + config.model() + ": " + e.getMessage(), e);
        }
    }
}
