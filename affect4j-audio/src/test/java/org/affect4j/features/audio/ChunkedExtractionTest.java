package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.FloatArrayBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunked extraction of a long recording gives what one pass over the whole signal gives: 36 s of real speech (ten
 * RAVDESS utterances of different actors and emotions back to back) cut into 4 s spans with 1.6 s margins, fed in
 * odd-sized pieces as a decoder would, against each extractor run once on the whole array; both aligned to 30 fps.
 */
class ChunkedExtractionTest {
    private static final String[] FILES = {
        "03-01-05-01-01-01-01.flac", "03-01-03-02-02-01-02.flac", "03-01-04-01-01-02-03.flac",
        "03-01-06-02-01-01-04.flac", "03-01-07-01-02-02-05.flac", "03-01-08-02-01-01-06.flac",
        "03-01-01-01-02-01-07.flac", "03-01-02-02-02-02-08.flac", "03-01-05-02-01-02-09.flac",
        "03-01-03-01-01-01-10.flac"};
    private static final double FPS = 30;
    private static float[] speech;
    private static List<AudioFeatureExtractor> extractors;

    @BeforeAll
    static void load() {
        FloatArrayBuilder all = new FloatArrayBuilder(16_000 * 40);
        for (String f : FILES) all.add(TestAudio.ravdess(f));
        speech = all.toArray();
        extractors = List.of(new KaldiFbank(), new EgemapsExtractor(), new CompareExtractor(), new SileroVad());
    }

    @AfterAll
    static void close() {
        if (extractors != null) extractors.forEach(AudioFeatureExtractor::close);
    }

    private static int frames(int samples) {
        return (int) Math.ceil(samples / 16_000.0 * FPS);
    }

    /** Each extractor's output aligned in one piece. */
    private static List<FeatureMatrix> whole(float[] x) {
        List<FeatureMatrix> out = new ArrayList<>();
        for (AudioFeatureExtractor e : extractors) out.add(FrameAlignment.toVideoFrames(e.extract(x), e, frames(x.length), FPS));
        return out;
    }

    /** The same through ChunkedExtraction, the signal given in pieces of {@code piece} samples. */
    private static List<FeatureMatrix> chunked(float[] x, ChunkedExtraction.Chunking c, int piece, int framesAsked,
                                               SignalLevel level, int threads) {
        return chunked(x, c, piece, framesAsked, -1, level, threads);
    }

    /**
     * {@link #chunked}; with {@code framesAsked} {@link ChunkedExtraction#COUNTED_BESIDE}, {@code counted} is given at
     * the end and only the first rows the extraction returns are kept, as its caller's sinks do.
     */
    private static List<FeatureMatrix> chunked(float[] x, ChunkedExtraction.Chunking c, int piece, int framesAsked,
                                               int counted, SignalLevel level, int threads) {
        List<FloatArrayBuilder> data = new ArrayList<>();
        List<List<Boolean>> valid = new ArrayList<>();
        List<FrameAligner> aligners = new ArrayList<>();
        for (AudioFeatureExtractor e : extractors) {
            FloatArrayBuilder b = new FloatArrayBuilder(0);
            List<Boolean> v = new ArrayList<>();
            data.add(b);
            valid.add(v);
            aligners.add(FrameAligner.of(e, FPS, (row, ok) -> {
                b.add(row);
                v.add(ok);
            }));
        }
        int rows;
        try (ChunkedExtraction ch = new ChunkedExtraction(extractors, aligners, c, framesAsked, FPS, level, threads)) {
            for (int i = 0; i < x.length; i += piece) {
                float[] p = new float[Math.min(piece, x.length - i)];
                System.arraycopy(x, i, p, 0, p.length);
                ch.accept(p);
            }
            rows = framesAsked == ChunkedExtraction.COUNTED_BESIDE ? ch.finish(counted) : ch.finish();
        }
        List<FeatureMatrix> out = new ArrayList<>();
        for (int k = 0; k < extractors.size(); k++) {
            boolean[] v = new boolean[rows];
            for (int i = 0; i < rows; i++) v[i] = valid.get(k).get(i);
            int dim = extractors.get(k).dimension();
            out.add(new FeatureMatrix(rows, dim, java.util.Arrays.copyOf(data.get(k).toArray(), rows * dim), v));
        }
        return out;
    }

    /** Largest difference relative to max(1, |one-pass value|), checking validity frame by frame. */
    private static double maxRelativeDifference(String id, FeatureMatrix a, FeatureMatrix b) {
        assertEquals(a.rows(), b.rows(), id + " rows");
        assertEquals(a.dim(), b.dim(), id + " dimension");
        double max = 0;
        for (int i = 0; i < a.rows(); i++) {
            assertEquals(a.isValid(i), b.isValid(i), id + " validity of frame " + i);
            for (int d = 0; d < a.dim(); d++) {
                max = Math.max(max, Math.abs(a.get(i, d) - b.get(i, d)) / Math.max(1, Math.abs(a.get(i, d))));
            }
        }
        return max;
    }

    @Test
    void chunksMatchOnePass() {
        List<FeatureMatrix> one = whole(speech);
        // two threads: chunks analysed concurrently must still arrive in order
        List<FeatureMatrix> many = chunked(speech, new ChunkedExtraction.Chunking(4 * 16_000, 25_600), 1153, -1,
                SignalLevel.of(speech), 2);
        assertEquals(frames(speech.length), many.get(0).rows(), "audio-only rows follow the duration");
        for (int k = 0; k < extractors.size(); k++) {
            String id = extractors.get(k).id();
            double diff = maxRelativeDifference(id, one.get(k), many.get(k));
            // fbank is frame-local and the VAD carries its state across pieces: identical. eGeMAPS and ComParE
            // restart Praat's pitch path at each margin; measured 0 and 1.7e-4 (a ComParE delta) on this signal
            double tolerance = id.equals("fbank") || id.equals("vad") ? 0 : 1e-3;
            assertTrue(diff <= tolerance, id + ": chunked differs from one pass by " + diff);
        }
    }

    @Test
    void withoutTheWholeLevelVoicingDependsOnTheChunk() {
        // the reason SignalLevel exists: each chunk measuring its own peak changes Praat's voicing decisions
        List<FeatureMatrix> one = whole(speech);
        List<FeatureMatrix> many = chunked(speech, new ChunkedExtraction.Chunking(4 * 16_000, 25_600), 4096, -1, null, 1);
        double diff = maxRelativeDifference("egemaps", one.get(1), many.get(1));
        assertTrue(diff > 1, "eGeMAPS without the whole signal's level differs by only " + diff);
        assertEquals(0, maxRelativeDifference("fbank", one.get(0), many.get(0)));
    }

    @Test
    void aVideoFrameCountCutsOrPadsTheRows() {
        float[] x = java.util.Arrays.copyOf(speech, 5 * 16_000); // 5 s of audio under 7 s of video
        List<FeatureMatrix> many = chunked(x, new ChunkedExtraction.Chunking(16_000, 8_000), 777, 210, SignalLevel.of(x), 3);
        for (FeatureMatrix m : many) {
            assertEquals(210, m.rows());
            assertTrue(m.isValid(140) && !m.isValid(155) && !m.isValid(209), "frames past 5 s have no audio");
        }
    }

    @Test
    void aFrameCountGivenAtTheEndGivesTheRowsOfACountKnownFromTheStart() {
        float[] x = java.util.Arrays.copyOf(speech, 5 * 16_000);
        ChunkedExtraction.Chunking c = new ChunkedExtraction.Chunking(16_000, 8_000);
        SignalLevel level = SignalLevel.of(x);
        // pictures that end before the sound (rows written past the count are dropped) and after it (padded)
        for (int count : new int[] {120, 150, 210}) {
            List<FeatureMatrix> known = chunked(x, c, 777, count, level, 2);
            List<FeatureMatrix> beside = chunked(x, c, 777, ChunkedExtraction.COUNTED_BESIDE, count, level, 2);
            for (int k = 0; k < extractors.size(); k++) {
                String id = extractors.get(k).id();
                assertEquals(count, beside.get(k).rows(), id);
                assertEquals(0, maxRelativeDifference(id, known.get(k), beside.get(k)), id + " with " + count + " frames");
            }
        }
    }

    @Test
    void rejectsBadChunking() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkedExtraction.Chunking(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ChunkedExtraction.Chunking(100, -1));
    }

    @Test
    void aTaskWaitingForAnotherOfItsChunkFreesItsThreadForTheNextChunk() {
        // as ComParE waits for the front end eGeMAPS computes for the same chunk (LldInput): with two threads, the
        // first chunk's two tasks hold both; the next chunk's first task must still start, or the cores sit idle
        java.util.Map<float[], java.util.concurrent.CompletableFuture<Void>> frontEnds = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger leads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean waitedInVain = new java.util.concurrent.atomic.AtomicBoolean();
        AudioFeatureExtractor lead = new Fake("lead", x -> {
            if (leads.incrementAndGet() == 1) {
                try {
                    if (!secondStarted.await(20, java.util.concurrent.TimeUnit.SECONDS)) waitedInVain.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondStarted.countDown();
            }
            frontEnds.computeIfAbsent(x, k -> new java.util.concurrent.CompletableFuture<>()).complete(null);
        });
        AudioFeatureExtractor follow = new Fake("follow",
                x -> frontEnds.computeIfAbsent(x, k -> new java.util.concurrent.CompletableFuture<>()).join());
        List<FrameAligner> aligners = new ArrayList<>();
        List<FrameAligner.Rows> rows = new ArrayList<>();
        for (AudioFeatureExtractor e : List.of(lead, follow)) {
            FrameAligner.Rows r = new FrameAligner.Rows(frames(4 * 16_000), 1);
            rows.add(r);
            aligners.add(FrameAligner.of(e, FPS, r));
        }
        try (ChunkedExtraction c = new ChunkedExtraction(List.of(lead, follow), aligners,
                new ChunkedExtraction.Chunking(16_000, 1_600), frames(4 * 16_000), FPS, null, 2)) {
            c.accept(new float[4 * 16_000]);
            c.finish();
        }
        assertTrue(!waitedInVain.get(), "the second chunk's first task did not start while the first chunk's waited");
        assertTrue(leads.get() >= 2);
    }

    @Test
    void aTaskFailureReachesTheCallerAsItWasThrown() {
        IllegalArgumentException thrown = new IllegalArgumentException("the input has a problem");
        AudioFeatureExtractor failing = new Fake("failing", x -> {
            throw thrown;
        });
        List<FrameAligner> aligners = List.of(FrameAligner.of(failing, FPS, new FrameAligner.Rows(frames(4 * 16_000), 1)));
        try (ChunkedExtraction c = new ChunkedExtraction(List.of(failing), aligners,
                new ChunkedExtraction.Chunking(16_000, 1_600), frames(4 * 16_000), FPS, null, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
                c.accept(new float[4 * 16_000]);
                c.finish();
            });
            assertEquals("the input has a problem", e.getMessage());
        }
    }

    /** An extractor of one zero per 10 ms row that runs {@code work} on each signal it is given. */
    private record Fake(String id, java.util.function.Consumer<float[]> work) implements AudioFeatureExtractor {
        @Override
        public int dimension() { return 1; }

        @Override
        public double rate() { return 100; }

        @Override
        public FeatureMatrix extract(float[] samples) {
            work.accept(samples);
            int n = samples.length / 160;
            boolean[] valid = new boolean[n];
            java.util.Arrays.fill(valid, true);
            return new FeatureMatrix(n, 1, new float[n], valid);
        }

        @Override
        public java.util.Map<String, String> provenance() { return java.util.Map.of(); }
    }
}
