package org.affect4j.faces;

import java.util.List;
import org.affect4j.data.RgbImage;
import org.affect4j.media.VideoFrame;
import org.affect4j.media.VideoSource;

/** A {@link VideoSource} over images held in memory, for tests. */
final class ListVideoSource implements VideoSource {
    private final List<RgbImage> images;
    private int next;

    ListVideoSource(List<RgbImage> images) {
        this.images = images;
    }

    @Override public double frameRate() { return 25; }

    @Override public int declaredFrameCount() { return images.size(); }

    @Override public int width() { return images.get(0).width(); }

    @Override public int height() { return images.get(0).height(); }

    @Override public String name() { return "in-memory"; }

    @Override
    public VideoFrame next() {
        if (next >= images.size()) return null;
        int i = next++;
        return new VideoFrame(i, i / frameRate(), images.get(i));
    }

    @Override public void close() { }
}
