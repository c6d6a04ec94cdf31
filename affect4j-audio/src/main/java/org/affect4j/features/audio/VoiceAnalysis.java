package org.affect4j.features.audio;

/**
 * Pitch track and period perturbation of one signal, shared by {@link EgemapsLlds} and {@link CompareLlds}
 * through {@link LldInput} (which computes it once per signal). Thread-safe.
 *
 * @param track   F0 and voicing strength per {@link AudioFrames} row (Praat defaults, 75-600 Hz)
 * @param quality jitter and shimmer per row over 60 ms, and per utterance
 */
public record VoiceAnalysis(PitchTracker.Track track, VoiceQuality.Result quality) {
    private static final PitchTracker TRACKER = new PitchTracker();

    /** The analysis of {@code x} (16 kHz). */
    public static VoiceAnalysis of(float[] x) {
        return of(x, SignalLevel.of(x));
    }

    /** The analysis of {@code x}, a piece of a signal whose level is {@code whole}. */
    public static VoiceAnalysis of(float[] x, SignalLevel whole) {
        PitchTracker.Track t = TRACKER.track(x, whole);
        return new VoiceAnalysis(t, VoiceQuality.measure(x, t, 0.06));
    }
}
