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
 * audio and is invalid (zeros), as is a frame whose source row is invalid. Stateless and thread-safe;
 * {@link FrameAligner} applies the same rule to a stream of row blocks.
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
        return toVideoFrames(nativeRows, extractor.rate(), FrameAligner.offsetOf(extractor), frames, fps);
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
        if (frames < 0) throw new IllegalArgumentException("frame count must be >= 0, got " + frames);
        FrameAligner.Rows out = new FrameAligner.Rows(frames, nativeRows.dim());
        FrameAligner aligner = new FrameAligner(nativeRows.dim(), nativeRate, offsetSeconds, fps, out);
        aligner.accept(nativeRows, frames);
        aligner.finish(frames);
        return out.matrix();
    }
}
