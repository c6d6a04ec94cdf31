package org.affect4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.Head;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.MlpGraph;
import org.affect4j.predict.model.OpenSet;
import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.predict.model.WeightBlob;
import org.affect4j.predict.model.WindowStats;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.data.TemporalSmoothing;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped default model: one head per modality, fused per frame, smoothed over time.
 * <ul>
 *   <li>face: a head ({@link Head}: softmax regression, perceptron or the mean of several) on the concatenated face
 *       embeddings of the frame; a still picture may also be read mirrored, the two readings averaged
 *       ({@link Visual#mirrorStills()});</li>
 *   <li>voice: a softmax regression on windowed functionals ({@link WindowStats}) of (optionally normalised) audio
 *       descriptors, pooled over speech frames only (voice activity gate), or a temporal network reading the
 *       normalised descriptor rows themselves ({@link VoiceEncoder}, speech frames only);</li>
 *   <li>fusion: weighted log-linear pooling of the modalities present in the frame (a frame without a face uses
 *       the voice alone, a frame without speech the face alone, a frame with neither gets no prediction: label
 *       -1 and no probabilities);</li>
 *   <li>smoothing: a centred box filter over the probabilities of the labelled frames (a 50-frame box filter
 *       lifted an ABAW8 entry from 0.384 to 0.424, METHOD §4); a frame without prediction stays without one.</li>
 * </ul>
 * Saved as one small JSON file ({@link Spec}). Immutable and thread-safe.
 */
public final class LateFusionModel implements ExpressionModel {
    /** Format tag written into saved files and checked on load. */
    public static final String FORMAT = "affect4j-late-fusion/2";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double EPS = 1e-6;

    /**
     * The face branch: feature names (concatenated in this order) and the head on them.
     *
     * @param features     face features, concatenated in this order
     * @param head         the head on them
     * @param mirrorStills a still picture's face probabilities are the mean of the picture's and its mirror image's
     *                     ({@link ExpressionModel#mirrorsStills()}; false in files written before this key existed)
     * @param stillMinScore  a still picture without a face at the detector's own score is searched again down to
     *                       this score ({@link ExpressionModel#stillMinScore()}; 0, as in files written before this
     *                       key existed: not searched again)
     */
    public record Visual(List<String> features, Head head, boolean mirrorStills, double stillMinScore) {
        /**
         * Checks the score.
         *
         * @param features      as the record
         * @param head          as the record
         * @param mirrorStills  as the record
         * @param stillMinScore as the record
         */
        public Visual {
            if (!(stillMinScore >= 0 && stillMinScore < 1)) {
                throw new IllegalArgumentException("visual 'stillMinScore' must be in [0, 1), got " + stillMinScore);
            }
        }
    }

    /**
     * The voice branch.
     *
     * @param features          audio descriptor names (concatenated)
     * @param gate              voice-activity feature (1 value per row, speech probability) or null
     * @param gateThreshold     rows with gate value >= this are speech
     * @param halfWindowSeconds half-width of the functionals window
     * @param normalise         per-sequence normalisation before the window: {@code none}, {@code level} (remove
     *                          the overall level, {@link WindowStats#levelRemoved}), {@code centre} (remove each
     *                          dimension's mean over the sequence's speech, {@link WindowStats#centred}) or
     *                          {@code standardise} ({@link WindowStats#standardised})
     * @param head              the head on the window's functionals (null when {@code encoder} reads the voice)
     * @param functionals       functionals of the window ({@link WindowStats#FUNCTIONALS}); null in files written
     *                          before this key existed, read as {@code [mean, std]}
     * @param span              which rows the branch predicts: {@code speech} (only rows gated in as speech; null in
     *                          older files, read as this) or {@code window} (every row whose window holds speech, so
     *                          the pauses between and around words carry the voice's reading too)
     * @param encoder           a temporal network reading the descriptor rows themselves instead of window functionals
     *                          and a head (null: the functionals and {@code head}); it reads the normalised rows
     *                          (window, functionals and span do not apply) and predicts speech rows only
     */
    public record Audio(List<String> features, String gate, double gateThreshold, double halfWindowSeconds,
                        String normalise, LinearHead head, List<String> functionals, String span, VoiceEncoder encoder) {
        /**
         * Checks the normalisation, functionals and span against the values this version knows.
         *
         * @param features          as the record
         * @param gate              as the record
         * @param gateThreshold     as the record
         * @param halfWindowSeconds as the record
         * @param normalise         as the record
         * @param head              as the record
         * @param functionals       as the record
         * @param span              as the record
         * @param encoder           as the record
         */
        public Audio {
            if (head != null && encoder != null) {
                throw new IllegalArgumentException("the voice branch has both a 'head' and an 'encoder': give one");
            }
            if (!NORMALISATIONS.contains(normalise)) {
                throw new IllegalArgumentException("audio 'normalise' must be one of " + NORMALISATIONS + ", got '" + normalise + "'");
            }
            if (functionals != null) WindowStats.checkFunctionals(functionals);
            if (span != null && !SPANS.contains(span)) {
                throw new IllegalArgumentException("audio 'span' must be one of " + SPANS + ", got '" + span + "'");
            }
        }

        /**
         * The functionals in use ({@code [mean, std]} when the file does not say).
         *
         * @return the functionals' names
         */
        public List<String> functionalsOrDefault() {
            return functionals == null ? WindowStats.MEAN_STD : functionals;
        }

        /**
         * Whether every row whose window holds speech is predicted, not only speech rows.
         *
         * @return true for span {@code window}
         */
        public boolean predictsWholeWindow() {
            return "window".equals(span);
        }
    }

    /** Values of {@link Audio#normalise()}. */
    public static final List<String> NORMALISATIONS = List.of("none", "level", "centre", "standardise");
    /** Values of {@link Audio#span()}. */
    public static final List<String> SPANS = List.of("speech", "window");

    /**
     * The saved form. Either branch may be null (a one-modality model). {@code otherThreshold}: the open-set rule's
     * {@code theta} ({@link OpenSet}; 0: the model never says Other).
     */
    public record Spec(String format, String name, Map<String, String> description, Visual visual, Audio audio,
                       double visualWeight, double audioWeight, double smoothingSeconds, double otherThreshold) {
    }

    private final Spec spec;
    private final Head.Scorer visualHead;
    /** The face head in ONNX Runtime, made for the first long video ({@link #visualScorer(long)}). */
    private MlpGraph visualGraph;
    /** Videos of this many frames or more have their face head run by ONNX Runtime ({@link #visualScorer(long)}). */
    public static final int GRAPH_FROM_FRAMES = 300;
    private final Head.Scorer audioHead;

    /**
     * The model of a saved form.
     *
     * @param spec the saved form
     * @throws IllegalArgumentException when the format is not this version's or neither branch is there
     */
    public LateFusionModel(Spec spec) {
        if (!FORMAT.equals(spec.format())) {
            throw new IllegalArgumentException("not a late-fusion model file (format '" + spec.format() + "', expected " + FORMAT + ")");
        }
        if (spec.visual() == null && spec.audio() == null) throw new IllegalArgumentException("model '" + spec.name() + "' has no branch");
        if (spec.audio() != null && spec.audio().head() == null && spec.audio().encoder() == null) {
            throw new IllegalArgumentException("model '" + spec.name() + "': the voice branch needs a 'head' or an 'encoder'");
        }
        this.spec = spec;
        this.visualHead = spec.visual() == null ? null : spec.visual().head().scorer();
        this.audioHead = spec.audio() == null || spec.audio().head() == null ? null : spec.audio().head().scorer();
    }

    /**
     * The saved form.
     *
     * @return the spec
     */
    public Spec spec() {
        return spec;
    }

    /**
     * Loads a saved model.
     *
     * @param in   the JSON file's bytes
     * @param what the file's name, for messages
     * @return the model
     * @throws IllegalArgumentException naming {@code what} when it is not a model file
     */
    public static LateFusionModel load(InputStream in, String what) {
        return loadSpec(in, what);
    }

    /**
     * Builds the model file's reader (Jackson's deserializers for every part of a model) without reading a model: in a
     * fresh JVM that is ~3/4 of the first {@link #load}'s time, so a start does it on a thread of its own while the
     * command line is parsed ({@link ExpressionRecognizer#preload}); the later load finds the reader ready.
     */
    public static void warmUpReader() {
        try {
            JSON.readValue("{}", Spec.class);
        } catch (IOException | RuntimeException e) {
            // an empty spec is not a model: only the reader it built was wanted
        }
    }

    private static LateFusionModel loadSpec(InputStream in, String what) {
        try {
            return new LateFusionModel(JSON.readValue(in, Spec.class));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not a readable model file: " + org.affect4j.util.JsonProblems.describe(e), e);
        }
    }

    /** A compiled model's JSON part and blob ({@link CompiledModels}). */
    static LateFusionModel loadCompiled(byte[] json, java.nio.ByteBuffer blob, String what) {
        try {
            return new LateFusionModel(JSON.readerFor(Spec.class).withAttribute(WeightBlob.ATTRIBUTE, blob).readValue(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not a readable compiled model: " + org.affect4j.util.JsonProblems.describe(e), e);
        }
    }

    /** This model's compiled JSON part, its arrays appended to {@code blob} ({@link CompiledModels}). */
    byte[] compiledJson(WeightBlob.Sink blob) throws IOException {
        return JSON.writer().withAttribute(WeightBlob.ATTRIBUTE, blob).writeValueAsBytes(spec);
    }

    /**
     * Saves atomically.
     *
     * @param file the JSON file to write
     */
    public void save(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(spec));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** Frees the ONNX Runtime sessions of the voice encoder and the face head, if long inputs made them. */
    @Override
    public void close() {
        if (spec.audio() != null && spec.audio().encoder() != null) spec.audio().encoder().close();
        synchronized (this) {
            if (visualGraph != null) visualGraph.close();
            visualGraph = null;
        }
    }

    private static final String FACERES = "faceres";

    @Override
    public List<String> features() {
        List<String> f = new ArrayList<>();
        if (spec.visual() != null) f.addAll(spec.visual().features());
        if (spec.audio() != null) {
            f.addAll(spec.audio().features());
            if (spec.audio().gate() != null) f.add(spec.audio().gate());
        }
        return f;
    }

    /**
     * 4: trained on still pictures and recordings, never on video rows; finding and embedding the face on every 4th
     * frame (0.13 s at 30 fps, inside the 0.5 s smoothing), the frames between interpolated, keeps the probabilities
     * as close to embedding every frame (mean distance 0.044 for the shipped model) as the models before it had, for
     * ~15 % less CPU than every 3rd (60 s clip: 10.1-10.4 against 11.6-12.4 CPU-s; README "Speed", "Benchmarks"; 1
     * is the closest reading, {@code predict --face-every 1}).
     */
    @Override
    public int faceEvery() {
        return 4;
    }

    /**
     * {@code faceres} by {@code faceres-int8} in videos: the same net with integer convolutions, 2.3x less CPU per
     * face; fed its rows instead of {@code faceres}', the shipped face head scores FER2013 test within 0.005
     * macro-F1 of its own figure (README "Speed"), and video frames are where the cost adds up. Pictures, a single
     * crop each, keep {@code faceres}, which the head was trained on.
     */
    @Override
    public Map<String, String> videoStandIns() {
        return spec.visual() != null && spec.visual().features().contains(FACERES) ? Map.of(FACERES, FACERES + "-int8") : Map.of();
    }

    @Override
    public boolean mirrorsStills() {
        return spec.visual() != null && spec.visual().mirrorStills();
    }

    @Override
    public double stillMinScore() {
        return spec.visual() == null ? 0 : spec.visual().stillMinScore();
    }

    @Override
    public Map<String, String> description() {
        return spec.description() == null ? Map.of() : spec.description();
    }

    @Override
    public FramePredictions predict(FeatureStore store, String video) {
        double fps = store.video(video).orElseThrow(() -> new IllegalArgumentException(
                "the store " + store.root() + " has no frame rate for '" + video + "'")).fps();
        Map<String, FeatureMatrix> features = new LinkedHashMap<>();
        for (String f : features()) {
            if (store.has(f, video)) features.put(f, store.get(f, video));
        }
        Map<String, FeatureMatrix> mirrored = null;
        String m = ExpressionModel.mirrored(video);
        if (mirrorsStills() && spec.visual().features().stream().allMatch(f -> store.has(f, m))) {
            mirrored = new LinkedHashMap<>();
            for (String f : spec.visual().features()) mirrored.put(f, store.get(f, m));
        }
        return predict(features, mirrored, fps);
    }

    /**
     * Predicts every frame from rows in memory. A frame with neither a face nor speech (no valid row for either
     * branch) gets no prediction: label -1 and NaN probabilities.
     *
     * @param features rows by feature name, each {@code [frames, dim]} with its validity mask; a modality whose
     *                 features are missing is treated as absent
     * @param fps      rows per second
     * @return one prediction per row
     */
    public FramePredictions predict(Map<String, FeatureMatrix> features, double fps) {
        return predict(features, null, fps);
    }

    /**
     * {@link #predict(Map, double)} with the face rows of the frames' mirror images ({@link #mirrorsStills()}): where
     * both the frame and its mirror image have a face, the face branch's probabilities are the mean of the two
     * readings; the frame's own face decides whether it has one.
     *
     * @param features rows by feature name, as {@link #predict(Map, double)} takes them
     * @param mirrored the face features of the mirrored frames (same rows), or null; ignored unless the model mirrors
     * @param fps      rows per second
     * @return one prediction per row
     */
    public FramePredictions predict(Map<String, FeatureMatrix> features, Map<String, FeatureMatrix> mirrored, double fps) {
        int n = rows(features);
        double[][] pv = spec.visual() == null ? null : visual(features, mirrorsStills() ? mirrored : null, n);
        double[][] pa = spec.audio() == null ? null : audio(features, n, fps);
        double[] flat = new double[n * ExprClass.COUNT];
        boolean[] labelled = new boolean[n];
        for (int i = 0; i < n; i++) {
            double[] z = fuse(pv == null ? null : pv[i], pa == null ? null : pa[i]);
            labelled[i] = z != null;
            if (!labelled[i]) continue; // neither a face nor speech: no prediction (label -1), smoothing leaves it so
            System.arraycopy(z, 0, flat, i * ExprClass.COUNT, ExprClass.COUNT);
        }
        boolean[] faced = new boolean[n];
        for (int i = 0; i < n && pv != null; i++) faced[i] = pv[i] != null;
        return OpenSet.apply(TemporalSmoothing.box(FramePredictions.ofFlatProbabilities(flat, labelled), window(fps)),
                spec.otherThreshold(), faced);
    }

    /**
     * The face branch on one frame's concatenated face features.
     *
     * @param row the features of {@link Visual#features()}, concatenated
     * @return the branch's probabilities (8, ABAW order)
     */
    public double[] visualProbabilities(float[] row) {
        return visualHead.probabilities(row);
    }

    /**
     * The face branch's scorer for an input of {@code frames} frames: from {@value #GRAPH_FROM_FRAMES} frames on, a
     * perceptron head runs in ONNX Runtime ({@link MlpGraph}, made once and kept until {@link #close()}; ~5x less CPU
     * a frame, ~70 ms to make), shorter inputs and other heads in Java, which has nothing to set up. The two agree to
     * float rounding, so an input's result depends on its length only, never on what was read before.
     *
     * @param frames the input's frame count (a live source: {@link Long#MAX_VALUE})
     * @return {@link #visualProbabilities}, as fast as the input's length makes worth it
     */
    public Head.Scorer visualScorer(long frames) {
        if (frames < GRAPH_FROM_FRAMES || spec.visual() == null || !MlpGraph.runs(spec.visual().head())) return visualHead;
        synchronized (this) {
            if (visualGraph == null) visualGraph = new MlpGraph(spec.visual().head());
            return visualGraph;
        }
    }

    /**
     * The voice branch on one frame's window functionals ({@link #audioInputs}).
     *
     * @param functionals one row of the functionals
     * @return the branch's probabilities (8, ABAW order)
     */
    public double[] audioProbabilities(float[] functionals) {
        return audioHead.probabilities(functionals);
    }

    /**
     * One frame's fusion: weighted log-linear pooling of the branches present (before smoothing).
     *
     * @param v the face branch's probabilities, or null without a face
     * @param a the voice branch's probabilities, or null where the branch does not predict
     * @return the fused probabilities, or null when neither branch predicts
     */
    public double[] fuse(double[] v, double[] a) {
        if (v == null && a == null) return null;
        double[] z = new double[ExprClass.COUNT];
        for (int c = 0; c < ExprClass.COUNT; c++) {
            if (v != null) z[c] += spec.visualWeight() * Math.log(v[c] + EPS);
            if (a != null) z[c] += spec.audioWeight() * Math.log(a[c] + EPS);
        }
        return SoftmaxRegression.softmaxInPlace(z);
    }

    /**
     * The smoothing box in frames at {@code fps}.
     *
     * @param fps rows per second
     * @return frames in the box, at least 1
     */
    public int window(double fps) {
        return Math.max(1, (int) Math.round(spec.smoothingSeconds() * fps));
    }

    private static int rows(Map<String, FeatureMatrix> features) {
        int n = -1;
        for (var e : features.entrySet()) {
            if (n >= 0 && e.getValue().rows() != n) {
                throw new IllegalArgumentException("feature '" + e.getKey() + "' has " + e.getValue().rows() + " rows, others " + n);
            }
            n = e.getValue().rows();
        }
        if (n < 0) throw new IllegalArgumentException("no features given to the model");
        return n;
    }

    /** Face probabilities per frame, null rows where there is no face; averaged with the mirror image's if given. */
    private double[][] visual(Map<String, FeatureMatrix> features, Map<String, FeatureMatrix> mirrored, int n) {
        FeatureMatrix x = FeatureRows.concat(features, spec.visual().features());
        if (x == null) return null;
        Head.Scorer head = visualScorer(n);
        // a frame holding the last key frame's embedding (after the last key frame of a face run): scored once
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) rows.add(x.isValid(i) ? x.row(i) : null);
        double[][] out = head.probabilitiesOfRuns(rows, null, null);
        FeatureMatrix m = mirrored == null ? null : FeatureRows.concat(mirrored, spec.visual().features());
        if (m == null) return out;
        if (m.rows() != n) throw new IllegalArgumentException("the mirrored rows are " + m.rows() + ", the frames " + n);
        List<float[]> mirrorRows = new ArrayList<>();
        for (int i = 0; i < n; i++) if (out[i] != null && m.isValid(i)) mirrorRows.add(m.row(i));
        double[][] mirrorScored = head.probabilities(mirrorRows.toArray(new float[0][]));
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (out[i] == null || !m.isValid(i)) continue;
            double[] q = mirrorScored[next++];
            double[] mean = new double[q.length]; // a new array: frames holding one key frame share its reading
            for (int c = 0; c < q.length; c++) mean[c] = (out[i][c] + q[c]) / 2;
            out[i] = mean;
        }
        return out;
    }

    /** Voice probabilities per frame, null rows the branch does not cover (see {@link Audio#span()}). */
    private double[][] audio(Map<String, FeatureMatrix> features, int n, double fps) {
        Audio a = spec.audio();
        FeatureMatrix x = FeatureRows.concat(features, a.features());
        if (x == null) return null;
        boolean[] gate = FeatureRows.gate(features.get(a.gate()), a.gateThreshold());
        if (a.encoder() != null) return encoderProbabilities(a, x, gate, fps);
        FeatureMatrix stats = audioInputs(x, gate, fps, a);
        boolean[] rows = audioRows(stats, gate, a);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            if (rows[i]) out[i] = audioHead.probabilities(stats.row(i));
        }
        return out;
    }

    /**
     * The rows the voice branch predicts (and the recipe trains on): rows with valid functionals that are speech
     * themselves, or, with span {@code window}, any row whose window holds speech.
     *
     * @param stats the window functionals ({@link #audioInputs(FeatureMatrix, boolean[], double, Audio)})
     * @param gate  speech rows, null when every row is speech
     * @param a     the voice branch
     * @return per row, whether the branch predicts it
     */
    public static boolean[] audioRows(FeatureMatrix stats, boolean[] gate, Audio a) {
        boolean[] rows = new boolean[stats.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = stats.isValid(i) && (a.predictsWholeWindow() || gate == null || gate[i]);
        }
        return rows;
    }

    /**
     * The voice branch's inputs for {@code a}: per-sequence normalisation, then windowed functionals over speech.
     *
     * @param x    the voice descriptors, one row per frame
     * @param gate speech rows, null when every row is speech
     * @param rate rows per second
     * @param a    the voice branch
     * @return the functionals per row
     */
    public static FeatureMatrix audioInputs(FeatureMatrix x, boolean[] gate, double rate, Audio a) {
        return audioInputs(x, gate, rate, a.halfWindowSeconds(), a.normalise(), a.functionalsOrDefault());
    }

    private static FeatureMatrix audioInputs(FeatureMatrix x, boolean[] gate, double rate, double halfWindowSeconds,
                                             String normalise, List<String> functionals) {
        return WindowStats.of(normalised(x, gate, normalise), gate, rate, halfWindowSeconds, functionals);
    }

    /**
     * The voice rows after the branch's per-recording normalisation ({@link Audio#normalise()}), what both readers
     * (window functionals, encoder) see.
     *
     * @param x         the voice descriptors
     * @param gate      speech rows, null when every row is speech
     * @param normalise one of {@link #NORMALISATIONS}
     * @return the normalised rows
     */
    public static FeatureMatrix normalised(FeatureMatrix x, boolean[] gate, String normalise) {
        return switch (normalise) {
            case "level" -> WindowStats.levelRemoved(x, gate);
            case "centre" -> WindowStats.centred(x, gate);
            case "standardise" -> WindowStats.standardised(x, gate);
            case "none" -> x;
            default -> throw new IllegalArgumentException("unknown audio normalisation '" + normalise + "'");
        };
    }

    /**
     * A voice encoder's per-row probabilities for a whole recording: normalised as the branch says, then read by
     * the encoder ({@link VoiceEncoder#probabilities}).
     *
     * @param a    a voice branch with an encoder
     * @param x    the voice descriptors, one row per frame
     * @param gate speech rows, null when every row is speech
     * @param rate rows per second
     * @return per row, probabilities or null
     */
    public static double[][] encoderProbabilities(Audio a, FeatureMatrix x, boolean[] gate, double rate) {
        return a.encoder().probabilities(normalised(x, gate, a.normalise()), gate, rate);
    }
}
