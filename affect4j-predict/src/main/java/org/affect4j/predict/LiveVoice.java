package org.affect4j.predict;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.audio.ChunkedExtraction;
import org.affect4j.features.audio.FrameAligner;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.store.FeatureMatrix;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The voice of a live source, through the descriptor code files use ({@link AudioExtractors}, {@link ChunkedExtraction},
 * {@link FrameAligner}): samples from the decoder are analysed on a thread of their own in short chunks
 * ({@value #SPAN_SECONDS} s, with {@value #MARGIN_SECONDS} s of signal on each side, so a row is known about
 * {@code SPAN + MARGIN} after its sound), and the rows, aligned to the video's frame clock, wait for the recognizer
 * to take them in frame order. What differs from a file: each chunk measures the signal level for the pitch analysis
 * itself (a file uses the whole recording's), and the margins are shorter than a file's 1.6 s.
 */
final class LiveVoice implements AutoCloseable {
    /** Samples whose rows one chunk contributes, in seconds. */
    static final double SPAN_SECONDS = 0.32;
    /** Signal analysed on each side of a chunk's span, in seconds. */
    static final double MARGIN_SECONDS = 0.48;
    private static final float[] END = new float[0];

    /** One frame's voice: the model's concatenated descriptors (null where invalid), its gate and the speech flag. */
    record Row(float[] descriptors, boolean gate, boolean speech) {
    }

    private final LateFusionModel.Audio spec;
    private final double speechThreshold;
    private final Map<String, AudioFeatureExtractor> extractors = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<FeatureMatrix>> rows = new LinkedHashMap<>();
    private final BlockingQueue<float[]> samples = new LinkedBlockingQueue<>();
    private final ChunkedExtraction chunks;
    private final Thread worker;
    private volatile boolean ended;
    private volatile Throwable error;

    /**
     * @param model           a model with a voice branch
     * @param fps             the video's frame rate: one row per frame
     * @param speechThreshold voice activity from which a frame counts as speech
     */
    LiveVoice(LateFusionModel model, double fps, double speechThreshold) {
        this.spec = model.spec().audio();
        this.speechThreshold = speechThreshold;
        List<String> names = new ArrayList<>(spec.features());
        if (spec.gate() != null && !names.contains(spec.gate())) names.add(spec.gate());
        if (!names.contains(Predictor.VAD)) names.add(Predictor.VAD);
        List<FrameAligner> aligners = new ArrayList<>();
        try {
            for (String n : names) {
                AudioFeatureExtractor e = AudioExtractors.create(n);
                extractors.put(n, e);
                ArrayDeque<FeatureMatrix> q = new ArrayDeque<>();
                rows.put(n, q);
                aligners.add(FrameAligner.of(e, fps, (row, ok) -> {
                    synchronized (rows) {
                        q.add(new FeatureMatrix(1, row.length, row, new boolean[] {ok}));
                    }
                }));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        int rate = AudioFeatureExtractor.SAMPLE_RATE;
        chunks = new ChunkedExtraction(List.copyOf(extractors.values()), aligners,
                new ChunkedExtraction.Chunking((int) (SPAN_SECONDS * rate), (int) (MARGIN_SECONDS * rate)), -1, fps, null, 1);
        worker = new Thread(this::analyse, "affect4j-live-voice");
        worker.setDaemon(true);
        worker.start();
    }

    /** Width of {@link Row#descriptors()}. */
    int dimension() {
        int d = 0;
        for (String f : spec.features()) d += extractors.get(f).dimension();
        return d;
    }

    /** Takes samples from the decoder (any thread). */
    void accept(float[] chunk) {
        if (chunk.length > 0) samples.add(chunk);
    }

    /** The sound ended: the last rows follow. */
    void end() {
        samples.add(END);
    }

    private void analyse() {
        try {
            while (true) {
                float[] s = samples.take();
                if (s == END) break;
                chunks.accept(s);
            }
            chunks.finish();
        } catch (InterruptedException e) {
            return;
        } catch (Throwable t) {
            error = t;
        } finally {
            ended = true;
        }
    }

    /** Why the voice stopped early, or null. */
    Throwable error() {
        return error;
    }

    /** True when every row has been analysed. */
    boolean ended() {
        return ended;
    }

    /** Waits up to {@code ms} for the last rows once {@link #end()} was called; true when they are in. */
    boolean awaitEnd(long ms) throws InterruptedException {
        worker.join(ms);
        return ended;
    }

    /** The next frame's voice, or null when it is not known yet (or never will be: see {@link #ended()}). */
    Row take() {
        Map<String, FeatureMatrix> one = new LinkedHashMap<>();
        synchronized (rows) {
            for (ArrayDeque<FeatureMatrix> q : rows.values()) if (q.isEmpty()) return null;
            rows.forEach((n, q) -> one.put(n, q.poll()));
        }
        FeatureMatrix x = FeatureRows.concat(one, spec.features());
        FeatureMatrix vad = one.get(Predictor.VAD);
        boolean gate = spec.gate() == null || FeatureRows.gate(one.get(spec.gate()), spec.gateThreshold())[0];
        boolean speech = vad.isValid(0) && vad.get(0, 0) >= speechThreshold;
        return new Row(x.isValid(0) ? x.row(0) : null, gate, speech);
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (chunks != null) chunks.close();
        extractors.values().forEach(AudioFeatureExtractor::close);
    }
}
