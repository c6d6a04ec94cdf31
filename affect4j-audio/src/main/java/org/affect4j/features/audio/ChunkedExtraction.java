package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.Futures;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs audio extractors over a signal that arrives in pieces (a decoder's stream), a chunk at a time, and feeds
 * their rows to {@link FrameAligner}s: memory stays flat whatever the recording's length (one chunk of samples plus
 * its margins, instead of an hour of samples and of 100-per-second descriptor rows).
 *
 * <p>How chunks stay equivalent to the whole signal: every chunk starts on a multiple of every extractor's hop
 * ({@code 16000 / rate()} samples; 2,560 samples for fbank, eGeMAPS, ComParE and Silero VAD together), so its
 * row {@code j} is global row {@code start / hop + j}. Each chunk is analysed with {@link Chunking#margin()} extra
 * samples on both sides and only the rows of its own span are kept, so windows, smoothing, deltas and spectral
 * flux see the same samples as in one pass. Two things are not local and are handled apart: Praat's pitch
 * analysis measures every frame against the level of the whole signal, which is given to each chunk
 * ({@link SignalLevel}, {@link LevelDependent}; its Viterbi path restarts at the margin and has converged by the
 * span, to the tolerance {@code ChunkedExtractionTest} states); and recurrent models (Silero VAD) are not cut at
 * all but fed the pieces as they come, carrying their state ({@link StreamingExtractor}). An extractor whose hop is
 * not a whole number of samples (a whole-signal ONNX model) cannot be cut, so the signal is then analysed in one
 * piece.
 *
 * <p>With {@code threads > 1} chunks, and the extractors of each chunk, are analysed concurrently (chunks are
 * independent thanks to their margins, extractors share nothing but the chunk's samples) and their rows handed on
 * in order; streamed extractors run on the caller's thread meanwhile. Splitting by extractor keeps both threads busy
 * on a recording of one chunk (a minute or less). At most {@code threads + 1} chunks are in memory. Not thread-safe
 * itself; one instance per signal; close it.
 */
public final class ChunkedExtraction implements AutoCloseable {
    /**
     * Chunk sizes in samples at 16 kHz; both are rounded up to a multiple of the extractors' hops.
     *
     * @param span   samples whose rows one chunk contributes
     * @param margin extra samples analysed on each side of the span
     */
    public record Chunking(int span, int margin) {
        /**
         * 60 s spans with 1.6 s margins: 5 % extra work, about 4 MB of samples. The margin is set by the longest
         * memory among the descriptors: ComParE's RASTA filter (pole 0.94 per 10 ms row) has decayed to
         * 0.94^160 = 5e-5 after 1.6 s, where a 0.48 s margin still left differences of 0.45.
         */
        public static final Chunking DEFAULT = new Chunking(60 * AudioFeatureExtractor.SAMPLE_RATE,
                AudioFeatureExtractor.SAMPLE_RATE * 8 / 5);
        /** One chunk for the whole signal. */
        public static final Chunking WHOLE = new Chunking(Integer.MAX_VALUE / 4, 0);

        public Chunking {
            if (span <= 0 || margin < 0) {
                throw new IllegalArgumentException("chunk span must be > 0 and margin >= 0 samples, got " + span + ", " + margin);
            }
        }
    }

    /**
     * The frame count of a video counted beside this extraction (by a pass over its pictures): rows are written as far
     * as the sound reaches and the count is given to {@link #finish(int)}.
     */
    public static final int COUNTED_BESIDE = -2;

    private final List<AudioFeatureExtractor> extractors;
    private final List<FrameAligner> aligners;
    private final int[] hops;
    private final StreamingExtractor.Stream[] streams;
    private final SignalLevel level;
    /** True when some extractor is analysed in chunks (not all stream). */
    private final boolean cutsAny;
    private final int threads;
    private final ExecutorService pool;
    private final ArrayDeque<List<Future<FeatureMatrix>>> inFlight = new ArrayDeque<>();
    private final int span;
    private final int margin;
    private final int frames;
    private final double audioRate;
    private float[] buffer = new float[0];
    private long bufferStart; // global index of buffer[0]
    private int bufferLength;
    private long spanStart;   // global index of the next span's first sample
    private long received;
    private boolean finished;
    private boolean drained;

    /**
     * @param extractors the extractors (the caller owns and closes them)
     * @param aligners   one aligner per extractor, same order
     * @param chunking   chunk sizes
     * @param frames     the video's frame count, -1 for an audio-only input whose row count follows its duration, or
     *                   {@link #COUNTED_BESIDE}
     * @param audioRate  rows per second of an audio-only input (ignored when {@code frames >= 0})
     * @param whole      level of the whole signal for {@link LevelDependent} extractors, or null to let each chunk
     *                   measure its own (then chunks are only close to one pass, not equal)
     * @param threads    chunks analysed at once (the extractors must be thread-safe, as this package's are)
     */
    public ChunkedExtraction(List<AudioFeatureExtractor> extractors, List<FrameAligner> aligners, Chunking chunking,
                             int frames, double audioRate, SignalLevel whole, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (extractors.size() != aligners.size()) throw new IllegalArgumentException("one aligner per extractor");
        if (frames < COUNTED_BESIDE) throw new IllegalArgumentException("frame count must be >= 0, -1 or COUNTED_BESIDE, got " + frames);
        if (frames == -1 && !(audioRate > 0)) throw new IllegalArgumentException("an audio-only input needs a positive row rate");
        this.extractors = List.copyOf(extractors);
        this.aligners = List.copyOf(aligners);
        this.frames = frames;
        this.audioRate = audioRate;
        this.level = whole;
        this.hops = new int[extractors.size()];
        this.streams = new StreamingExtractor.Stream[extractors.size()];
        long unit = 1;
        boolean cuttable = true;
        for (int i = 0; i < hops.length; i++) {
            if (extractors.get(i) instanceof StreamingExtractor s && s.streams()) {
                streams[i] = s.open();
                continue;
            }
            double h = AudioFeatureExtractor.SAMPLE_RATE / extractors.get(i).rate();
            hops[i] = (int) Math.round(h);
            if (hops[i] < 1 || Math.abs(h - hops[i]) > 1e-9) cuttable = false;
            else unit = lcm(unit, hops[i]);
        }
        if (!cuttable || unit > chunking.span()) chunking = Chunking.WHOLE;
        this.span = roundUp(chunking.span(), unit);
        this.margin = roundUp(chunking.margin(), unit);
        this.threads = threads;
        this.cutsAny = java.util.Arrays.stream(streams).anyMatch(java.util.Objects::isNull);
        // a fork-join pool: a task that waits for a front end another task is computing (LldInput: ComParE for
        // eGeMAPS' pitch and spectra of the same chunk) frees its core for the next chunk's work meanwhile, where a
        // fixed pool's thread would sit idle (CompletableFuture.join in a fork-join worker lets the pool compensate)
        this.pool = threads > 1 && cutsAny ? new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("affect4j-audio-chunk");
            t.setDaemon(true);
            return t;
        }, null, false, threads, threads + 8, threads, null, 60, TimeUnit.SECONDS) : null;
    }

    private static long lcm(long a, long b) {
        long x = a, y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    private static int roundUp(int n, long unit) {
        long r = (n + unit - 1) / unit * unit;
        return (int) Math.min(Integer.MAX_VALUE / 4, r);
    }

    /** Span of each chunk after rounding, samples. */
    public int span() {
        return span;
    }

    /** Takes the next samples of the signal and analyses every chunk that is now complete. */
    public void accept(float[] samples) {
        if (finished || drained) throw new IllegalStateException("extraction already finished");
        received += samples.length;
        int limit = limit();
        for (int e = 0; e < streams.length; e++) {
            if (streams[e] != null) aligners.get(e).accept(streams[e].push(samples), limit);
        }
        if (!cutsAny) return;
        append(samples);
        while (bufferStart + bufferLength >= spanStart + span + margin) {
            analyse(spanStart + span, false);
            spanStart += span;
            drop(spanStart - margin);
        }
    }

    /**
     * Analyses the rest of the signal and completes every aligner.
     *
     * @return rows written per stream: the video's frame count, or for audio-only inputs
     *         {@code ceil(duration * audioRate)}
     */
    public int finish() {
        if (frames == COUNTED_BESIDE) throw new IllegalStateException("the video's frame count is needed: finish(int)");
        return complete(frames >= 0 ? frames : -1);
    }

    /**
     * {@link #finish()} for {@link #COUNTED_BESIDE}: the rows of frames below {@code videoFrames} are exactly those a
     * known count gives, the missing ones padded the same way; a stream whose sound lasts longer than the pictures
     * has written rows past {@code videoFrames}, which the caller drops (its sinks keep the first {@code videoFrames}).
     *
     * @param videoFrames the frame count the pass over the pictures found
     * @return {@code videoFrames}
     */
    public int finish(int videoFrames) {
        if (frames != COUNTED_BESIDE) throw new IllegalStateException("the frame count was given at the start: finish()");
        if (videoFrames < 0) throw new IllegalArgumentException("frame count must be >= 0, got " + videoFrames);
        return complete(videoFrames);
    }

    /**
     * Analyses the rest of the signal and hands every row on, leaving the aligners open: with
     * {@link #COUNTED_BESIDE} this is the work that need not wait for the frame count (the last chunk is most of it
     * on a recording of a minute), so it is done before {@link #finish(int)} waits. No more samples are taken after.
     */
    public void drain() {
        if (drained) return;
        drained = true;
        if (received > 0 && spanStart < received && cutsAny) analyse(received, true);
        while (!inFlight.isEmpty()) deliver(join(inFlight.poll()));
        for (int e = 0; e < streams.length; e++) {
            if (streams[e] == null) continue;
            aligners.get(e).accept(streams[e].finish(), limit());
            streams[e].close();
            streams[e] = null;
        }
    }

    /** @param total the video's frame count, or -1 for an audio-only input */
    private int complete(int total) {
        if (finished) throw new IllegalStateException("extraction already finished");
        finished = true;
        drain();
        int rows = total >= 0 ? total : rowsFor(received);
        // counted beside, the sound may have outlasted the pictures: nothing to pad, the caller drops the extra rows
        for (FrameAligner a : aligners) a.finish(frames == COUNTED_BESIDE ? Math.max(rows, a.written()) : rows);
        buffer = new float[0];
        if (pool != null) pool.shutdown();
        return rows;
    }

    /** Samples received so far. */
    public long samples() {
        return received;
    }

    /** Frames that may be written so far: an audio-only input's row count is known at the end only. */
    private int limit() {
        return frames >= 0 ? frames : frames == COUNTED_BESIDE ? Integer.MAX_VALUE : rowsFor(received);
    }

    /** Releases the streams and threads (also of an extraction abandoned before {@link #finish()}). */
    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
        for (int e = 0; e < streams.length; e++) {
            if (streams[e] != null) streams[e].close();
            streams[e] = null;
        }
    }

    private int rowsFor(long samples) {
        return (int) Math.ceil(samples / (double) AudioFeatureExtractor.SAMPLE_RATE * audioRate);
    }

    /**
     * Analyses [spanStart - margin, spanEnd + margin), now or on the pool (one task per chunked extractor), and passes
     * on the rows of the span.
     */
    private void analyse(long spanEnd, boolean last) {
        long from = Math.max(0, spanStart - margin);
        long to = last ? received : spanEnd + margin;
        float[] chunk = new float[(int) (to - from)];
        System.arraycopy(buffer, (int) (from - bufferStart), chunk, 0, chunk.length);
        long start = spanStart;
        List<Future<FeatureMatrix>> parts = new ArrayList<>(extractors.size());
        FeatureMatrix[] now = new FeatureMatrix[extractors.size()];
        for (int e = 0; e < extractors.size(); e++) {
            if (streams[e] != null) {
                parts.add(null);
                continue;
            }
            int k = e;
            if (pool == null) now[e] = spanRows(k, chunk, from, start, spanEnd, last);
            // a CompletableFuture, not the pool's own submit: a fork-join task rethrows a failure of another thread as
            // a new exception wrapping it, which would turn "x is not ..." into "java.lang....Exception: x is not ..."
            else parts.add(CompletableFuture.supplyAsync(() -> spanRows(k, chunk, from, start, spanEnd, last), pool));
        }
        if (pool == null) {
            deliver(now);
            return;
        }
        inFlight.add(parts);
        while (inFlight.size() > threads) deliver(join(inFlight.poll()));
    }

    private static FeatureMatrix[] join(List<Future<FeatureMatrix>> parts) {
        FeatureMatrix[] out = new FeatureMatrix[parts.size()];
        for (int e = 0; e < out.length; e++) {
            if (parts.get(e) != null) out[e] = Futures.join(parts.get(e), "analysing audio");
        }
        return out;
    }

    /** The rows chunked extractor {@code e} gives for the span [start, spanEnd) of a chunk beginning at {@code from}. */
    private FeatureMatrix spanRows(int e, float[] chunk, long from, long start, long spanEnd, boolean last) {
        AudioFeatureExtractor x = extractors.get(e);
        FeatureMatrix m = level != null && x instanceof LevelDependent d ? d.extract(chunk, level) : x.extract(chunk);
        int h = hops[e];
        int firstKept = (int) ((start - from) / h);
        int endKept = last ? m.rows() : (int) ((spanEnd - from) / h);
        if (endKept > m.rows()) {
            throw new IllegalStateException(x.id() + " gave " + m.rows() + " rows for a chunk of "
                    + chunk.length + " samples, fewer than its span needs (" + endKept + ")");
        }
        return endKept > firstKept ? slice(m, firstKept, endKept) : null;
    }

    private void deliver(FeatureMatrix[] rows) {
        int limit = limit();
        for (int e = 0; e < rows.length; e++) {
            if (rows[e] != null) aligners.get(e).accept(rows[e], limit);
        }
    }

    private static FeatureMatrix slice(FeatureMatrix m, int from, int to) {
        if (from == 0 && to == m.rows()) return m;
        int dim = m.dim();
        float[] d = new float[(to - from) * dim];
        System.arraycopy(m.data(), from * dim, d, 0, d.length);
        boolean[] v = new boolean[to - from];
        System.arraycopy(m.valid(), from, v, 0, v.length);
        return new FeatureMatrix(to - from, dim, d, v);
    }

    private void append(float[] samples) {
        if (bufferLength + samples.length > buffer.length) {
            float[] bigger = new float[Math.max(bufferLength + samples.length, buffer.length * 2)];
            System.arraycopy(buffer, 0, bigger, 0, bufferLength);
            buffer = bigger;
        }
        System.arraycopy(samples, 0, buffer, bufferLength, samples.length);
        bufferLength += samples.length;
    }

    /** Forgets the samples before global index {@code keepFrom}. */
    private void drop(long keepFrom) {
        int n = (int) Math.min(bufferLength, Math.max(0, keepFrom - bufferStart));
        System.arraycopy(buffer, n, buffer, 0, bufferLength - n);
        bufferLength -= n;
        bufferStart += n;
    }
}
