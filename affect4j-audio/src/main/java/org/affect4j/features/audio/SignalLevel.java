package org.affect4j.features.audio;

/**
 * The level of a whole signal that Praat's pitch analysis measures each frame against: its mean (DC) and its peak
 * deviation from that mean. A frame's "intensity" is its local peak over this global peak, so the silence threshold
 * (0.03) is relative to the loudest moment of the recording. When a long recording is analysed in chunks
 * ({@link ChunkedExtraction}) the level of the whole recording is measured first and handed to every chunk, so the
 * voicing decisions do not depend on where the chunks fall.
 *
 * @param mean mean sample value
 * @param peak largest {@code |x - mean|}
 */
public record SignalLevel(double mean, double peak) {
    /** The level of {@code x}; non-finite samples count as 0, as {@link Signals#clean} makes them. */
    public static SignalLevel of(float[] x) {
        if (x == null) throw new IllegalArgumentException("samples must not be null");
        Accumulator a = new Accumulator();
        a.add(x);
        return a.level();
    }

    /** Measures a signal given in pieces: the peak deviation follows from the running minimum and maximum. */
    public static final class Accumulator {
        private double sum;
        private long count;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        public void add(float[] x) {
            for (float f : x) {
                double v = Float.isFinite(f) ? f : 0;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            count += x.length;
        }

        public SignalLevel level() {
            if (count == 0) return new SignalLevel(0, 0);
            double mean = sum / count;
            return new SignalLevel(mean, Math.max(max - mean, mean - min));
        }
    }
}
