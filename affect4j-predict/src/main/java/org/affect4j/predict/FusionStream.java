package org.affect4j.predict;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.Rounding;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.OpenSet;
import org.affect4j.predict.model.WindowStats;
import org.affect4j.store.FeatureMatrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LateFusionModel#predict(java.util.Map, double)} on rows that arrive one frame at a time, each frame handed on
 * as soon as the frames it depends on have arrived, in memory that does not grow with the input.
 *
 * <p>{@link Timing#FILE} gives exactly the numbers of the whole-input computation (the same floating-point
 * operations in the same order: the window functionals and the smoothing keep running prefix sums from the first
 * frame, as {@link WindowStats} and {@link org.affect4j.data.TemporalSmoothing} do, of which only the window's span
 * is kept): frame {@code i} is decided once frame {@code i + }{@link #delayFrames()} has arrived (the voice window's
 * half-width plus the part of the centred smoothing box after the frame). The voice normalisation must then be known
 * beforehand (the whole recording's centre, {@link Centre}).
 *
 * <p>{@link Timing#LIVE} smooths causally (the mean over the last box of frames, the frame itself the newest) and
 * centres the voice on the speech heard so far; the voice window stays centred, so frames wait for the window's
 * second half when the model has a voice branch.
 *
 * <p>With {@link Timing#FILE} the face head scores the pushed frames in batches ({@link #flush()}, or every
 * {@value #BATCH} frames): one run of the head on many rows costs a fraction of as many one-row runs. A frame is then
 * decided once it is flushed and its delay has passed. Live frames are scored as they come.
 */
final class FusionStream {
    /** How the smoothing box sits and where the voice normalisation comes from. */
    enum Timing { FILE, LIVE }

    /** Receives each decided frame, in order. */
    @FunctionalInterface
    interface Decided {
        /**
         * @param index         frame index
         * @param label         -1 without a prediction
         * @param probabilities rounded as {@code frames.csv} prints them, null without a prediction
         * @param voice         the voice branch's own probabilities for the frame (before fusion and smoothing), null
         *                      where it has no say
         */
        void frame(int index, int label, double[] probabilities, double[] voice);
    }

    /**
     * The per-dimension mean of the usable (valid, speech) voice rows, summed in row order as
     * {@link WindowStats#centred} sums them: a pre-pass over a file, or the running centre of a live source.
     */
    static final class Centre {
        private final double[] sum;
        private int count;

        Centre(int dim) {
            sum = new double[dim];
        }

        void add(float[] row) {
            count++;
            for (int j = 0; j < sum.length; j++) sum[j] += row[j];
        }

        double[] mean() {
            double[] m = new double[sum.length];
            for (int j = 0; j < m.length; j++) m[j] = count == 0 ? 0 : sum[j] / count;
            return m;
        }
    }

    /**
     * True when this model can be streamed: a late-fusion model whose voice branch, if any, is normalised by
     * nothing or by its centre (the other normalisations are not streamed), or read by a voice encoder (whose
     * probabilities the caller computes, {@link #push(float[], double[])}: over the whole recording first for a file,
     * by {@link LiveEncoder} live).
     */
    static boolean streams(ExpressionModel model) {
        if (!(model instanceof LateFusionModel m)) return false;
        LateFusionModel.Audio a = m.spec().audio();
        return a == null || a.encoder() != null || "none".equals(a.normalise()) || "centre".equals(a.normalise());
    }

    private final LateFusionModel model;
    private final org.affect4j.predict.model.Head.Scorer faceHead;
    private final Decided out;
    private final double fps;
    private final int dim;
    // voice window (WindowStats.of): h rows on each side, prefix sums of the last `ring` rows
    private final boolean voice;
    /** The voice branch is an encoder: its per-frame probabilities are pushed, no window. */
    private final boolean encoded;
    private final boolean centre;
    private final boolean wholeWindow;
    private final Timing timing;
    private double[] fixedMean;
    private final Centre running;
    private final List<String> functionals;
    private final int h, lag, ring;
    private final double[][] s1, s2, sd, stx;
    private final double[] st, stt;
    private final int[] cnt, dcnt;
    private final boolean[] gates, usable;
    private final float[][] rows;
    private final double[][] faceProbs;
    // smoothing (TemporalSmoothing.box): prefix sums over the last box of fused frames
    private final int window, before, after, sring;
    private final double[][] sp, fusedRows, voiceRows;
    private final int[] scount;
    private final boolean[] labelled, faced;
    private float[] lastFaceRow;
    private double[] lastFaceProbs;
    private int pushed, fused, decided;
    /** Frames pushed and not yet flushed, oldest first: their face rows wait for one batch of the face head. */
    private final List<Step> pending = new java.util.ArrayList<>();
    /** Frames a file's stream holds at most before scoring them (memory stays bounded without a {@link #flush()}). */
    static final int BATCH = 256;

    /**
     * A pushed frame: its face row (null without a face) and, when the push completes a frame's inputs, that frame's
     * index and voice probabilities (computed at the push, from the voice sums as they then were).
     */
    private record Step(int index, float[] face, int fuse, double[] voice) {
    }

    /**
     * @param model  the model
     * @param fps    frames per second
     * @param dim    width of the concatenated voice descriptors (ignored without a voice branch)
     * @param timing file or live
     * @param frames the input's frame count, for {@link LateFusionModel#visualScorer(long)} (live: {@link Long#MAX_VALUE})
     * @param out    receives the decided frames
     */
    FusionStream(LateFusionModel model, double fps, int dim, Timing timing, long frames, Decided out) {
        if (!streams(model)) throw new IllegalArgumentException("model '" + model.name() + "' cannot be streamed");
        this.model = model;
        this.faceHead = model.spec().visual() == null ? null : model.visualScorer(frames);
        this.out = out;
        this.fps = fps;
        this.timing = timing;
        LateFusionModel.Audio a = model.spec().audio();
        this.voice = a != null && a.encoder() == null;
        this.encoded = a != null && a.encoder() != null;
        this.dim = voice ? dim : 0;
        this.centre = voice && "centre".equals(a.normalise());
        this.wholeWindow = voice && a.predictsWholeWindow();
        this.running = centre && timing == Timing.LIVE ? new Centre(this.dim) : null;
        this.functionals = voice ? a.functionalsOrDefault() : List.of();
        this.h = voice ? (int) Math.round(a.halfWindowSeconds() * fps) : 0;
        this.lag = Math.max(1, (int) Math.round(WindowStats.DELTA_SECONDS * fps));
        this.ring = 2 * h + 2 + lag;
        int d = this.dim;
        s1 = new double[ring][d];
        s2 = new double[ring][d];
        sd = functionals.contains("delta") ? new double[ring][d] : null;
        stx = functionals.contains("slope") ? new double[ring][d] : null;
        st = new double[ring];
        stt = new double[ring];
        cnt = new int[ring];
        dcnt = new int[ring];
        gates = new boolean[ring];
        usable = new boolean[ring];
        rows = new float[ring][];
        faceProbs = new double[ring][];
        this.window = model.window(fps);
        this.before = timing == Timing.FILE ? (window - 1) / 2 : window - 1;
        this.after = window - 1 - before;
        this.sring = window + 2;
        sp = new double[sring][ExprClass.COUNT];
        fusedRows = new double[sring][];
        voiceRows = new double[sring][];
        scount = new int[sring];
        labelled = new boolean[sring];
        faced = new boolean[sring];
    }

    /**
     * The whole recording's voice centre, for {@link Timing#FILE} with a model that centres its voice rows; must be
     * set before the first frame.
     */
    void centre(double[] mean) {
        this.fixedMean = mean.clone();
    }

    /** Rows of the face branch's features in the model's order, concatenated (the model's own concatenation). */
    static float[] faceRow(LateFusionModel model, Map<String, float[]> rows) {
        List<String> names = model.spec().visual().features();
        Map<String, FeatureMatrix> parts = new LinkedHashMap<>();
        for (String f : names) parts.put(f, new FeatureMatrix(1, rows.get(f).length, rows.get(f), new boolean[] {true}));
        return FeatureRows.concat(parts, names).row(0);
    }

    /** Frames pushed so far (the index of the next one). */
    int pushed() {
        return pushed;
    }

    /** Frames between a frame arriving and its being decided. */
    int delayFrames() {
        return h + after;
    }

    /**
     * The next frame's rows.
     *
     * @param face   the concatenated face features, or null without a face
     * @param voice  the concatenated voice descriptors, or null where they are invalid (or the input has none)
     * @param speech the frame is speech (the voice gate; true when the model has no gate)
     */
    void push(float[] face, float[] voice, boolean speech) {
        if (encoded) throw new IllegalStateException("the voice encoder's probabilities are pushed, not its rows");
        int i = pushed++;
        if (!this.voice) {
            step(new Step(i, face, i, null));
            return;
        }
        addVoice(i, voice, speech);
        step(i - h >= 0 ? new Step(i, face, i - h, voiceProbs(i - h, i + 1)) : new Step(i, face, -1, null));
    }

    /**
     * The next frame with the voice branch's own probabilities already computed (a voice encoder, which reads the
     * whole recording: {@link org.affect4j.predict.model.VoiceEncoder#probabilities}); no voice window to wait for.
     *
     * @param face  the concatenated face features, or null without a face
     * @param voice the voice branch's probabilities for the frame, or null where it has no say
     */
    void push(float[] face, double[] voice) {
        if (this.voice) throw new IllegalStateException("this model's voice branch reads rows: push them");
        int i = pushed++;
        step(new Step(i, face, i, voice));
    }

    private void step(Step s) {
        pending.add(s);
        if (timing == Timing.LIVE || pending.size() >= BATCH) flush();
    }

    /**
     * Scores the face rows of the frames pushed since the last flush in one batch of the face head, then fuses and
     * decides what they complete, in push order: the same numbers as scoring each frame on its own.
     */
    void flush() {
        if (pending.isEmpty()) return;
        // a frame holding the previous frame's embedding (live, or after the last key frame of a face run): scored once
        List<float[]> faces = new java.util.ArrayList<>(pending.size());
        for (Step s : pending) faces.add(s.face());
        double[][] probs = faceHead == null ? new double[faces.size()][] : faceHead.probabilitiesOfRuns(faces, lastFaceRow, lastFaceProbs);
        for (int k = faces.size() - 1; k >= 0; k--) {
            if (faces.get(k) == null) continue;
            lastFaceRow = faces.get(k);
            lastFaceProbs = probs[k];
            break;
        }
        for (int k = 0; k < pending.size(); k++) {
            Step s = pending.get(k);
            faceProbs[s.index() % ring] = probs[k];
            if (s.fuse() >= 0) fuse(s.fuse(), s.voice());
        }
        pending.clear();
    }

    /** The input ended: decides the frames still waiting. */
    void finish() {
        flush();
        if (voice) {
            for (int j = Math.max(0, pushed - h); j < pushed; j++) fuse(j, voiceProbs(j, pushed));
        }
        while (decided < fused) emit(decided, Math.min(fused, decided + after + 1));
    }

    /** Adds row i to the voice prefix sums (the arithmetic of {@link WindowStats#of}). */
    private void addVoice(int i, float[] v, boolean speech) {
        boolean use = v != null && speech;
        float[] x = new float[dim];
        if (v != null) {
            double[] mean = null;
            if (running != null) {
                if (use) running.add(v);
                mean = running.mean();
            } else if (centre) {
                if (fixedMean == null) throw new IllegalStateException("the voice centre was not given");
                mean = fixedMean;
            }
            for (int j = 0; j < dim; j++) x[j] = mean == null ? v[j] : (float) (v[j] - mean[j]);
        }
        int p = (i + 1) % ring, q = i % ring;
        boolean pair = use && i >= lag && usable[(i - lag) % ring];
        float[] old = pair ? rows[(i - lag) % ring] : null;
        gates[q] = speech;
        usable[q] = use;
        rows[q] = x;
        cnt[p] = cnt[q] + (use ? 1 : 0);
        dcnt[p] = dcnt[q] + (pair ? 1 : 0);
        double t = use ? i : 0;
        st[p] = st[q] + t;
        stt[p] = stt[q] + t * t;
        for (int j = 0; j < dim; j++) {
            double val = use ? x[j] : 0;
            s1[p][j] = s1[q][j] + val;
            s2[p][j] = s2[q][j] + val * val;
            if (sd != null) {
                double dv = pair ? x[j] - old[j] : 0;
                sd[p][j] = sd[q][j] + dv * dv;
            }
            if (stx != null) stx[p][j] = stx[q][j] + t * val;
        }
    }

    /** The voice branch on row r, its window ending before row b; null where the branch does not predict. */
    private double[] voiceProbs(int r, int b) {
        int a = Math.max(0, r - h);
        int pa = a % ring, pb = b % ring;
        int c = cnt[pb] - cnt[pa];
        if (c == 0 || !(wholeWindow || gates[r % ring])) return null;
        int from = Math.min(b, a + lag) % ring;
        int dc = dcnt[pb] - dcnt[from];
        double tMean = (st[pb] - st[pa]) / c;
        double tVar = (stt[pb] - stt[pa]) / c - tMean * tMean;
        int f = functionals.size();
        float[] row = new float[f * dim];
        for (int j = 0; j < dim; j++) {
            double mean = (s1[pb][j] - s1[pa][j]) / c;
            for (int k = 0; k < f; k++) {
                double v = switch (functionals.get(k)) {
                    case "mean" -> mean;
                    case "std" -> Math.sqrt(Math.max(0, (s2[pb][j] - s2[pa][j]) / c - mean * mean));
                    case "delta" -> dc == 0 ? 0 : Math.sqrt(Math.max(0, (sd[pb][j] - sd[from][j]) / dc));
                    default -> c < 2 || tVar <= 1e-9 ? 0 : ((stx[pb][j] - stx[pa][j]) / c - tMean * mean) / tVar * fps;
                };
                row[k * dim + j] = (float) v;
            }
        }
        return model.audioProbabilities(row);
    }

    /** Fuses frame j and adds it to the smoothing's prefix sums; decides every frame whose box is now complete. */
    private void fuse(int j, double[] voiceProbs) {
        double[] pv = faceProbs[j % ring];
        double[] z = model.fuse(pv, voiceProbs);
        int p = (j + 1) % sring, q = j % sring;
        labelled[q] = z != null;
        faced[q] = pv != null;
        scount[p] = scount[q] + (z != null ? 1 : 0);
        for (int c = 0; c < ExprClass.COUNT; c++) sp[p][c] = sp[q][c] + (z == null ? 0 : z[c]);
        voiceRows[q] = voiceProbs;
        fusedRows[q] = z; // without smoothing the fused row itself is decided (TemporalSmoothing leaves it untouched)
        fused = j + 1;
        while (decided + after + 1 <= fused) emit(decided, decided + after + 1);
    }

    /** Decides frame k from the smoothing box ending before frame hi. */
    private void emit(int k, int hi) {
        decided = k + 1;
        int q = k % sring;
        if (!labelled[q]) {
            out.frame(k, ExprClass.UNANNOTATED, null, voiceRows[q]);
            return;
        }
        double[] p;
        if (window <= 1) {
            p = fusedRows[q];
        } else {
            int lo = Math.max(0, k - before) % sring, h1 = hi % sring;
            int m = scount[h1] - scount[lo];
            p = new double[ExprClass.COUNT];
            for (int c = 0; c < p.length; c++) p[c] = (sp[h1][c] - sp[lo][c]) / m;
        }
        FramePredictions one = OpenSet.apply(FramePredictions.ofFlatProbabilities(p, new boolean[] {true}),
                model.spec().otherThreshold(), new boolean[] {faced[q]}).rounded(Rounding.PROBABILITY_DECIMALS);
        out.frame(k, one.label(0), one.probabilities(0), voiceRows[q]);
    }
}
