package org.affect4j.pipeline;

import org.affect4j.media.ImageFolderSource;
import org.affect4j.media.VideoFrame;

/**
 * Pre-aligned crops, such as Aff-Wild2 {@code cropped_aligned/<video>/NNNNN.jpg}: detection and alignment are
 * skipped, a frame without a file is a frame without a face.
 */
final class FolderCropSource implements FaceCropSource {
    private final ImageFolderSource frames;

    FolderCropSource(ImageFolderSource frames) {
        this.frames = frames;
    }

    @Override
    public double frameRate() {
        return frames.frameRate();
    }

    @Override
    public int expectedFrames() {
        return frames.declaredFrameCount();
    }

    @Override
    public FaceCrop next() {
        VideoFrame f = frames.next();
        if (f == null) return null;
        return new FaceCrop(f.index(), f.image(), null, Float.NaN);
    }

    @Override
    public void close() {
        frames.close();
    }
}
