package org.affect4j.features.audio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the eGeMAPS and ComParE descriptor sets both start from, computed once per signal and shared: the cleaned
 * signal and the validity of its rows, its pitch track and voice quality (one {@link VoiceAnalysis}, against the
 * level of the whole recording) and the spectral front end ({@link FrameSpectra}). Pitch tracking and the
 * per-row FFT are the costliest steps of both, and running both extractors on the same clip (or chunk) is the
 * common case. The memo is keyed by the identity of the sample array and holds the last {@value #MEMO_SIZE} signals
 * only (a weak-keyed map would never let go: each entry's value holds its key); callers must not modify an array
 * between extractions. Thread-safe, and computed once: when eGeMAPS and ComParE start on the same chunk at the same
 * time (as {@link ChunkedExtraction}'s two threads make them), the second waits for the first's result instead of
 * computing it again beside it.
 *
 * @param x        the signal, non-finite samples zeroed
 * @param valid    per row: no non-finite sample in its window
 * @param track    the pitch track
 * @param quality  jitter, shimmer, HNR and harmonic levels per row
 * @param spectra  the per-row spectra, bands, MFCCs, energy and flux
 */
record LldInput(float[] x, boolean[] valid, PitchTracker.Track track, VoiceQuality.Result quality,
                FrameSpectra spectra) {
    /**
     * Signals remembered: as many as {@link ChunkedExtraction} has chunks in flight with its default two threads
     * (each chunk's eGeMAPS and ComParE share one; 60 s: ~13 MB of spectra each), so no chunk's is dropped before
     * its second reader comes.
     */
    static final int MEMO_SIZE = 3;
    // arrays hash and compare by identity; access order, so the least recently used signal is dropped
    private static final Map<float[], Memo> MEMO = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<float[], Memo> eldest) {
            return size() > MEMO_SIZE;
        }
    });

    /** @param feature the feature's name, for messages about the input */
    static LldInput of(float[] samples, SignalLevel whole, String feature) {
        Signals.Clean in = Signals.clean(samples, feature);
        float[] x = in.samples();
        CompletableFuture<LldInput> mine = null;
        Memo m;
        synchronized (MEMO) {
            m = MEMO.get(x);
            if (m == null || !m.level.equals(whole)) {
                mine = new CompletableFuture<>();
                m = new Memo(whole, mine);
                MEMO.put(x, m);
            }
        }
        if (mine != null) {
            try {
                VoiceAnalysis voice = VoiceAnalysis.of(x, whole);
                mine.complete(new LldInput(x, in.valid(), voice.track(), voice.quality(),
                        FrameSpectra.of(x, in.valid().length)));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                MEMO.remove(x, m);
                throw e;
            }
        }
        try {
            return m.input.join();
        } catch (CompletionException e) { // the other caller's failure, as it had it
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /** Signals held by the memo now. */
    static int memoSize() {
        return MEMO.size();
    }

    /** Rows on the 10 ms grid. */
    int rows() {
        return valid.length;
    }

    private record Memo(SignalLevel level, CompletableFuture<LldInput> input) {
    }
}
