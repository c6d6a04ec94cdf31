package org.affect4j.predict;

import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.store.FeatureMatrix;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A voice encoder ({@link VoiceEncoder}) on a live source: it cannot wait for the whole recording, so every
 * {@value #HOP_SECONDS} s it reads the last segment of frames heard (as many as one of its segments holds) and hands
 * on the frames that lie at least {@value #LOOKAHEAD_SECONDS} s before the newest one. A frame is thus read with the
 * segment's past and up to {@code LOOKAHEAD + HOP} of its future (a file's segments are cut at fixed places, so a file's
 * frames see anything from none to a whole segment of future). Voice rows are centred on the speech heard so far, as
 * the regression's live windows are ({@link FusionStream.Timing#LIVE}). Segments are only read when a frame to hand on
 * is speech, so silence costs nothing.
 */
final class LiveEncoder {
    /** How long a frame waits for the sound after it before it is read. */
    static final double LOOKAHEAD_SECONDS = 0.75;
    /** How often the last segment is read. */
    static final double HOP_SECONDS = 0.25;
    private static final double[] NONE = new double[0];
    private static final float[] NO_ROW = new float[0];

    private final LateFusionModel.Audio audio;
    private final double fps;
    private final int window, lookahead, hop, dim;
    private final FusionStream.Centre centre;
    private final ArrayDeque<float[]> rows = new ArrayDeque<>();
    private final ArrayDeque<Boolean> gates = new ArrayDeque<>();
    private final ArrayDeque<double[]> ready = new ArrayDeque<>();
    private int added, handed;

    /**
     * @param audio a voice branch with an encoder, normalised by nothing or its centre
     * @param fps   frames per second: one row per frame
     * @param dim   width of the concatenated voice descriptors
     * @throws IllegalArgumentException for another normalisation ({@link #supports})
     */
    LiveEncoder(LateFusionModel.Audio audio, double fps, int dim) {
        if (!supports(audio)) {
            throw new IllegalArgumentException("a live voice encoder needs its voice rows normalised by 'none' or 'centre', not '"
                    + audio.normalise() + "'");
        }
        VoiceEncoder e = audio.encoder();
        this.audio = audio;
        this.fps = fps;
        this.dim = dim;
        // the frames whose steps fill exactly one segment, so the encoder reads them in one piece
        this.window = (int) Math.floor((e.segmentSteps() - 1) * fps / e.stepRate() + 1e-9) + 1;
        this.lookahead = (int) Math.round(LOOKAHEAD_SECONDS * fps);
        this.hop = Math.max(1, (int) Math.round(HOP_SECONDS * fps));
        if (lookahead + hop > window) throw new IllegalArgumentException("the voice encoder's segments are too short to run live");
        this.centre = "centre".equals(audio.normalise()) ? new FusionStream.Centre(dim) : null;
    }

    /**
     * Whether a voice branch's encoder runs live: its rows are normalised by nothing or by their centre.
     *
     * @param audio a voice branch
     * @return true when it has an encoder this class can run
     */
    static boolean supports(LateFusionModel.Audio audio) {
        return audio.encoder() != null && ("none".equals(audio.normalise()) || "centre".equals(audio.normalise()));
    }

    /**
     * The next frame's voice.
     *
     * @param descriptors the concatenated descriptors, or null where they are invalid
     * @param gate        the branch's gate says speech
     */
    void add(float[] descriptors, boolean gate) {
        if (descriptors != null && gate && centre != null) centre.add(descriptors);
        rows.add(descriptors == null ? NO_ROW : descriptors);
        gates.add(gate);
        added++;
        while (rows.size() > window) {
            rows.poll();
            gates.poll();
        }
        if (added - handed >= lookahead + hop) read(added - lookahead);
    }

    /** The sound ended: every frame still waiting is read. */
    void end() {
        if (handed < added) read(added);
    }

    /**
     * The next frame's probabilities, in frame order.
     *
     * @return true when one is ready ({@link #take()})
     */
    boolean ready() {
        return !ready.isEmpty();
    }

    /**
     * Takes the next frame's probabilities.
     *
     * @return the encoder's probabilities, or null where the frame is not speech
     */
    double[] take() {
        double[] p = ready.poll();
        if (p == null) throw new IllegalStateException("no frame is ready");
        return p == NONE ? null : p;
    }

    /** Reads the last segment and hands on frames up to {@code upTo} (exclusive). */
    private void read(int upTo) {
        int first = added - rows.size(); // frame index of the oldest row kept
        List<float[]> kept = new ArrayList<>(rows);
        List<Boolean> keptGates = new ArrayList<>(gates);
        boolean any = false;
        for (int f = handed; f < upTo; f++) any |= usable(kept.get(f - first), keptGates.get(f - first));
        double[][] p = any ? probabilities(kept, keptGates) : null;
        for (int f = handed; f < upTo; f++) {
            double[] q = p == null ? null : p[f - first];
            ready.add(q == null ? NONE : q);
        }
        handed = upTo;
    }

    private double[][] probabilities(List<float[]> kept, List<Boolean> keptGates) {
        int n = kept.size();
        float[] values = new float[n * dim];
        boolean[] valid = new boolean[n], gate = new boolean[n];
        double[] mean = centre == null ? null : centre.mean();
        for (int i = 0; i < n; i++) {
            float[] r = kept.get(i);
            gate[i] = keptGates.get(i);
            if (r == NO_ROW) continue;
            valid[i] = true;
            for (int j = 0; j < dim; j++) values[i * dim + j] = mean == null ? r[j] : (float) (r[j] - mean[j]);
        }
        // ONNX Runtime for every segment: a live source reads thousands of them (VoiceEncoder#probabilities)
        return audio.encoder().probabilities(VoiceEncoder.Rows.of(new FeatureMatrix(n, dim, values, valid), gate), fps, true);
    }

    private static boolean usable(float[] row, boolean gate) {
        return row != NO_ROW && gate;
    }
}
