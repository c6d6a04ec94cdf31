package org.affect4j.store;

/**
 * Per-video facts the store needs to interpret video-aligned rows; written as {@code <store>/videos/<name>.json}.
 *
 * @param name   video (or annotation) name, e.g. {@code 1-30-1280x720} or {@code 10-60-1280x720_right}
 * @param frames number of frames really decoded
 * @param fps    frame rate read from the container (or given for frame folders)
 * @param source the media path it came from
 */
public record VideoInfo(String name, int frames, double fps, String source) {
    public VideoInfo {
        FeatureStore.checkName(name, "video name");
        if (frames < 0) throw new IllegalArgumentException("video '" + name + "' has a negative frame count");
        if (!(fps > 0) || Double.isInfinite(fps)) throw new IllegalArgumentException("video '" + name + "' has an invalid frame rate " + fps);
    }

    /** Time in seconds of frame {@code i} (0-based). */
    public double timeOf(int i) {
        return i / fps;
    }
}
