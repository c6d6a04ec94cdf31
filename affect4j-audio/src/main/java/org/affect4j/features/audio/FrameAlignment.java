package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;

/**
 * Resamples a native-rate audio descriptor stream onto video frames (METHOD §2: audio features "resampled to the
 * video frame rate"), so the audio row of frame {@code i} sits in row {@code i} of the store.
 *
 * <p>Rule: frame {@code i} is the instant {@code t = i / fps}; it takes the native row whose centre is nearest to
 * {@code t} (nearest neighbour, not interpolation: it keeps the 0-when-unvoiced convention of pitch-like
 * descriptors and 0/1 gates intact, and at 100 rows/s against 25-60 fps the nearest row is at most 5 ms away).
 * Frames before the first row centre take row 0; a frame later than one hop past the last row centre is beyond the
 * audio and is invalid (zeros), as is a frame whose source row is invalid. Stateless and thread-safe.
 */
public final class FrameAlignment {
    private FrameAlignment() {
    }

    /** As {@link #toVideoFrames(FeatureMatrix, double, double, int, double)} with row {@code r} at {@code r / rate}. */
    public static FeatureMatrix toVideoFrames(FeatureMatrix nativeRows, double nativeRate, int frames, double fps) {
        return toVideoFrames(nativeRows, nativeRate, 0.0, frames, fps);
    }

    /** Aligns the output of {@code extractor}, using its row timing when it declares one ({@link TimedRows}). */
    public static FeatureMatrix toVideoFrames(FeatureMatrix nativeRows, AudioFeatureExtractor extractor, int frames,
                                              double fps) {
        double offset = extractor instanceof TimedRows t ? t.firstRowSeconds() : 0.0;
        return toVideoFrames(nativeRows, extractor.rate(), offset, frames, fps);
    }

    /**
     * @param nativeRows    the extractor's output
     * @param nativeRate    its rows per second
     * @param offsetSeconds time of row 0 (window centre)
     * @param frames        number of video frames (the output's row count)
     * @param fps           video frame rate
     * @return {@code [frames, dim]}, invalid where no audio row applies
     */
    public static FeatureMatrix toVideoFrames(FeatureMatrix nativeRows, double nativeRate, double offsetSeconds,
                                              int frames, double fps) {
        if (nativeRows == null) throw new IllegalArgumentException("native feature matrix must not be null");
        if (!(nativeRate > 0) || Double.isInfinite(nativeRate)) {
            throw new IllegalArgumentException("native rate must be a positive number of rows per second, got " + nativeRate);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("video frame rate must be positive, got " + fps);
        }
        if (frames < 0) throw new IllegalArgumentException("frame count must be >= 0, got " + frames);
        if (!Double.isFinite(offsetSeconds)) throw new IllegalArgumentException("row offset must be finite, got " + offsetSeconds);
        int dim = nativeRows.dim();
        int rows = nativeRows.rows();
        float[] out = new float[frames * dim];
        boolean[] valid = new boolean[frames];
        double lastEnd = offsetSeconds + rows / nativeRate; // one hop past the last row centre
        for (int i = 0; i < frames; i++) {
            double t = i / fps;
            if (rows == 0 || t >= lastEnd) continue;
            int r = (int) Math.round((t - offsetSeconds) * nativeRate);
            r = Math.max(0, Math.min(rows - 1, r));
            if (!nativeRows.isValid(r)) continue;
            System.arraycopy(nativeRows.data(), r * dim, out, i * dim, dim);
            valid[i] = true;
        }
        return new FeatureMatrix(frames, dim, out, valid);
    }
}
