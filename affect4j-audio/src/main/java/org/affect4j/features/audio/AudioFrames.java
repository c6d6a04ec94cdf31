package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;

/**
 * The frame grid every spectral extractor of this package uses, so that fbank, eGeMAPS and ComParE rows of the
 * same index describe the same instant: Kaldi's {@code snip_edges} grid of 25 ms windows every 10 ms at 16 kHz.
 * Row {@code i} covers samples {@code [160 i, 160 i + 400)} and is centred at {@link #centreSeconds(int)}; longer
 * analysis windows (pitch needs 40-60 ms) are centred on the same instant and zero-padded past the signal ends.
 */
public final class AudioFrames {
    /** Samples between rows (10 ms). */
    public static final int HOP = 160;
    /** Samples of the reference window (25 ms). */
    public static final int WINDOW = 400;
    /** Rows per second. */
    public static final double RATE = (double) AudioFeatureExtractor.SAMPLE_RATE / HOP;
    /** Time of row 0's centre, seconds. */
    public static final double CENTRE_OFFSET = WINDOW / 2.0 / AudioFeatureExtractor.SAMPLE_RATE;

    private AudioFrames() {
    }

    /** Rows for {@code samples} samples: 0 below one window (25 ms), as Kaldi. */
    public static int count(int samples) {
        return samples < WINDOW ? 0 : 1 + (samples - WINDOW) / HOP;
    }

    /** Sample index of row {@code i}'s centre. */
    public static int centreSample(int i) {
        return i * HOP + WINDOW / 2;
    }

    /** Time of row {@code i}'s centre in seconds. */
    public static double centreSeconds(int i) {
        return CENTRE_OFFSET + i / RATE;
    }
}
