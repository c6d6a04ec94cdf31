package org.affect4j.predict;

import org.affect4j.pipeline.FaceCrop;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MappedMatrix;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One video's frames from the extraction to the model, as {@link VideoExtraction#stream} hands them on: the frame's
 * face rows as they come, its voice rows from the store (written before the first face row, on disk, read mapped),
 * fused by a {@link FusionStream} and handed on as each frame is decided. Holds the frames waiting for their decision
 * ({@link FusionStream#delayFrames()}), never the input's rows (a voice encoder's probabilities are computed on a
 * thread of their own while the faces go on; the face rows arriving meanwhile wait for them).
 */
final class StreamedVideo implements VideoExtraction.FrameSink {
    /** What a frame waiting for its decision keeps. */
    private record Waiting(boolean face, float[] box, float score, float[] keypoints, int faces, int trackId,
                           boolean speech) {
    }

    private final LateFusionModel model;
    private final FeatureStore store;
    private final String video;
    private final double speechThreshold;
    private final Consumer<FrameExpression> perFrame;
    private final TrackBuilder track;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private FusionStream fusion;
    private double fps;
    private Map<String, MappedMatrix> voice;
    private MappedMatrix vad;

    /**
     * @param perFrame receives each decided frame (may be null)
     * @param track    collects each decided frame for the report (may be null)
     */
    StreamedVideo(LateFusionModel model, FeatureStore store, String video, double speechThreshold,
                  Consumer<FrameExpression> perFrame, TrackBuilder track) {
        this.model = model;
        this.store = store;
        this.video = video;
        this.speechThreshold = speechThreshold;
        this.perFrame = perFrame;
        this.track = track;
    }

    /**
     * A voice encoder's probabilities for every frame, null rows without a say (null: no encoder or no sound),
     * computed on a thread of its own while the faces go on; frames wait in {@link #unencoded} until it is done.
     */
    private java.util.concurrent.CompletableFuture<double[][]> encoding;
    private double[][] encoded;
    private final ArrayDeque<float[]> unencoded = new ArrayDeque<>();
    private static final float[] NO_FACE = new float[0];

    /** The voice rows are in the store by the first face row: map them, and centre the voice over the whole video. */
    private void start() {
        fps = store.video(video).map(v -> v.fps()).orElse(0.0);
        long frames = store.video(video).map(v -> (long) v.frames()).orElse(0L);
        LateFusionModel.Audio a = model.spec().audio();
        voice = new LinkedHashMap<>();
        if (a != null) {
            for (String f : a.features()) if (store.has(f, video)) voice.put(f, store.map(f, video));
            if (voice.size() < a.features().size()) voice.clear(); // a modality missing: absent, as the model treats it
            if (a.gate() != null && store.has(a.gate(), video)) voice.put(a.gate(), store.map(a.gate(), video));
        }
        vad = store.has(Predictor.VAD, video) ? store.map(Predictor.VAD, video) : null;
        int dim = 0;
        if (a != null) for (String f : a.features()) dim += voice.containsKey(f) ? voice.get(f).dim() : 0;
        fusion = new FusionStream(model, fps, Math.max(1, dim), FusionStream.Timing.FILE, frames, this::decided);
        if (a == null || !voice.containsKey(a.features().get(0))) return;
        if (a.encoder() != null) {
            // the encoder reads the soundtrack beside the face chain; centred or raw rows are read a segment at a time
            // from the mapped store (memory flat with length), other normalisations need the whole matrix
            java.util.function.Supplier<double[][]> job;
            if ("centre".equals(a.normalise()) || "none".equals(a.normalise())) {
                VoiceEncoder.Rows rows = mappedRows(a, dim);
                job = () -> a.encoder().probabilities(rows, fps);
            } else {
                Map<String, FeatureMatrix> rows = new LinkedHashMap<>();
                for (String f : a.features()) rows.put(f, store.get(f, video));
                FeatureMatrix gate = a.gate() != null && store.has(a.gate(), video) ? store.get(a.gate(), video) : null;
                FeatureMatrix x = FeatureRows.concat(rows, a.features());
                boolean[] g = FeatureRows.gate(gate, a.gateThreshold());
                job = () -> LateFusionModel.encoderProbabilities(a, x, g, fps);
            }
            encoding = new java.util.concurrent.CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    encoding.complete(job.get());
                } catch (Throwable e) {
                    encoding.completeExceptionally(e);
                }
            }, "affect4j-voice-encoder");
            t.setDaemon(true);
            t.start();
        } else if ("centre".equals(a.normalise())) {
            fusion.centre(centre(a, dim));
        }
    }

    /** The mean of the usable voice rows, summed in row order as {@link org.affect4j.predict.model.WindowStats#centred}. */
    private double[] centre(LateFusionModel.Audio a, int dim) {
        FusionStream.Centre c = new FusionStream.Centre(dim);
        int n = voice.get(a.features().get(0)).rows();
        for (int i = 0; i < n; i++) {
            float[] x = voiceRow(i);
            if (x != null && speech(i, a)) c.add(x);
        }
        return c.mean();
    }

    /** The voice rows as the encoder reads them, from the mapped store, centred when the branch says so. */
    private VoiceEncoder.Rows mappedRows(LateFusionModel.Audio a, int dim) {
        double[] mean = "centre".equals(a.normalise()) ? centre(a, dim) : null;
        int n = voice.get(a.features().get(0)).rows();
        return new VoiceEncoder.Rows() {
            public int size() {
                return n;
            }

            public float[] row(int i) {
                float[] x = voiceRow(i);
                if (x == null || mean == null) return x;
                for (int j = 0; j < x.length; j++) x[j] = (float) (x[j] - mean[j]);
                return x;
            }

            public boolean usable(int i) {
                return voiceRow(i) != null && speech(i, a);
            }
        };
    }

    /** Frames per second, which is known once the video is (0 before the first frame). */
    double fps() {
        return fps;
    }

    /** The next frame's face rows. */
    @Override
    public void frame(FaceCrop face, Map<String, float[]> rows) {
        if (fusion == null) start();
        int i = face.index();
        float[] faceRow = null;
        if (face.found()) faceRow = FusionStream.faceRow(model, rows);
        float[] box = rows.get(VideoExtraction.FACE_BOX);
        float score = face.keypoints() != null ? face.score() : Float.NaN;
        boolean speech = vad != null && vad.isValid(i) && value(vad, i) >= speechThreshold;
        waiting.add(new Waiting(face.found(), face.found() ? Arrays.copyOf(box, 4) : null, score, face.keypoints(),
                face.faces(), face.trackId(), speech));
        LateFusionModel.Audio a = model.spec().audio();
        if (a != null && a.encoder() != null) {
            unencoded.add(faceRow == null ? NO_FACE : faceRow);
            if (encoding == null || encoding.isDone()) pushEncoded();
        } else {
            fusion.push(faceRow, a == null ? null : voiceRow(i), a == null || speech(i, a));
        }
    }

    /** Scores the batch's faces together (the face head's batch, {@link FusionStream#flush()}). */
    @Override
    public void batchDone() {
        if (fusion != null) fusion.flush();
    }

    /** Decides the last frames. */
    void finish() {
        if (fusion == null) return;
        pushEncoded();
        fusion.finish();
    }

    /** Hands the frames waiting for the voice encoder to the fusion (waiting for it to end). */
    private void pushEncoded() {
        if (unencoded.isEmpty()) return;
        if (encoding != null && encoded == null) encoded = org.affect4j.util.Futures.join(encoding, "reading the voice");
        while (!unencoded.isEmpty()) {
            int i = fusion.pushed();
            float[] face = unencoded.poll();
            fusion.push(face == NO_FACE ? null : face, encoded != null && i < encoded.length ? encoded[i] : null);
        }
    }

    private void decided(int index, int label, double[] probabilities, double[] voiceProbabilities) {
        Waiting w = waiting.poll();
        FrameExpression f = new FrameExpression(index, index / fps, label, probabilities, w.face(), w.box(), w.score(),
                w.speech());
        if (track != null) track.add(f, w.keypoints(), w.faces(), w.trackId());
        if (perFrame != null) perFrame.accept(f);
    }

    /** Row i of the voice descriptors, concatenated as the model does; null where invalid or absent. */
    private float[] voiceRow(int i) {
        List<String> names = model.spec().audio().features();
        if (!voice.containsKey(names.get(0))) return null;
        Map<String, FeatureMatrix> parts = new LinkedHashMap<>();
        for (String f : names) {
            MappedMatrix m = voice.get(f);
            float[] r = new float[m.dim()];
            m.copyRow(i, r, 0);
            parts.put(f, one(r, m.isValid(i)));
        }
        FeatureMatrix x = FeatureRows.concat(parts, names);
        return x.isValid(0) ? x.row(0) : null;
    }

    /** The model's voice gate at row i (true without a gate feature, as the model reads it). */
    private boolean speech(int i, LateFusionModel.Audio a) {
        MappedMatrix g = a.gate() == null ? null : voice.get(a.gate());
        if (g == null) return true;
        return FeatureRows.gate(one(new float[] {value(g, i)}, g.isValid(i)), a.gateThreshold())[0];
    }

    private static float value(MappedMatrix m, int i) {
        float[] r = new float[m.dim()];
        m.copyRow(i, r, 0);
        return r[0];
    }

    private static FeatureMatrix one(float[] row, boolean valid) {
        return new FeatureMatrix(1, row.length, row, new boolean[] {valid});
    }
}
