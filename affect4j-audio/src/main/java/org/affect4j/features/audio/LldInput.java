package org.affect4j.features.audio;

/**
 * What the eGeMAPS and ComParE descriptor sets both start from: the cleaned signal and the validity of its rows,
 * its pitch track and voice quality (one {@link VoiceAnalysis}, against the level of the whole recording), and the
 * 25 ms Hamming power-spectrum framer on the {@link AudioFrames} grid.
 *
 * @param x       the signal, non-finite samples zeroed
 * @param valid   per row: no non-finite sample in its window
 * @param track   the pitch track
 * @param quality jitter, shimmer, HNR and harmonic levels per row
 * @param framer  the power-spectrum framer
 */
record LldInput(float[] x, boolean[] valid, PitchTracker.Track track, VoiceQuality.Result quality,
                SpectralFramer framer) {
    /** @param feature the feature's name, for messages about the input */
    static LldInput of(float[] samples, SignalLevel whole, String feature) {
        Signals.Clean in = Signals.clean(samples, feature);
        VoiceAnalysis voice = VoiceAnalysis.of(in.samples(), whole);
        return new LldInput(in.samples(), in.valid(), voice.track(), voice.quality(),
                new SpectralFramer(AudioFrames.WINDOW, WindowFunction.HAMMING, true, 0, 1));
    }

    /** Rows on the 10 ms grid. */
    int rows() {
        return valid.length;
    }
}
