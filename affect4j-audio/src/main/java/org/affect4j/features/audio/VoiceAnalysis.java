package org.affect4j.features.audio;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Pitch track and period perturbation of one signal, computed once and shared by {@link EgemapsLlds} and
 * {@link CompareLlds}: pitch tracking is the costliest step of both, and running both extractors on the same clip
 * is the common case. The memo is keyed by the identity of the sample array (weakly held, so it never keeps audio
 * alive); callers must not modify an array between extractions. Thread-safe.
 *
 * @param track   F0 and voicing strength per {@link AudioFrames} row (Praat defaults, 75-600 Hz)
 * @param quality jitter and shimmer per row over 60 ms, and per utterance
 */
public record VoiceAnalysis(PitchTracker.Track track, VoiceQuality.Result quality) {
    private static final PitchTracker TRACKER = new PitchTracker();
    private static final Map<float[], Memo> MEMO = Collections.synchronizedMap(new WeakHashMap<>());

    /** The analysis of {@code x} (16 kHz), from the memo when the same array was analysed before. */
    public static VoiceAnalysis of(float[] x) {
        return of(x, SignalLevel.of(x));
    }

    /** The analysis of {@code x}, a piece of a signal whose level is {@code whole}. */
    public static VoiceAnalysis of(float[] x, SignalLevel whole) {
        Memo m = MEMO.get(x);
        if (m == null || !m.level.equals(whole)) {
            PitchTracker.Track t = TRACKER.track(x, whole);
            m = new Memo(whole, new VoiceAnalysis(t, VoiceQuality.measure(x, t, 0.06)));
            MEMO.put(x, m);
        }
        return m.analysis;
    }

    private record Memo(SignalLevel level, VoiceAnalysis analysis) {
    }
}
