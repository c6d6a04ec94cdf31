package org.affect4j.media;

import org.affect4j.data.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Decodes a video file with FFmpeg (JavaCV) into RGB frames at the native rate. The frame rate comes from the
 * container; the number of frames is whatever really decodes ({@link #declaredFrameCount()} is only the claim).
 */
public final class FFmpegVideoSource implements VideoSource {
    static {
        MediaFiles.quietFFmpeg();
    }

    private final FFmpegFrameGrabber grabber;
    private final String name;
    private final double fps;
    private int index;

    private FFmpegVideoSource(FFmpegFrameGrabber grabber, String name, double fps) {
        this.grabber = grabber;
        this.name = name;
        this.fps = fps;
    }

    /** Opens {@code file}; throws {@link MediaException} with a one-line reason when it cannot be decoded as video. */
    public static FFmpegVideoSource open(Path file) {
        MediaFiles.checkReadable(file);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.COLOR);
        try {
            g.start();
        } catch (Exception e) {
            closeQuietly(g);
            throw new MediaException(file + " is not a readable media file (" + MediaFiles.reason(e) + ")", e);
        }
        if (!g.hasVideo() || g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new MediaException(file + " has no video stream");
        }
        double fps = g.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps) || fps > 1000) {
            closeQuietly(g);
            throw new MediaException(file + " reports no usable frame rate (" + fps + ")");
        }
        return new FFmpegVideoSource(g, MediaFiles.baseName(file), fps);
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public int declaredFrameCount() {
        return grabber.getLengthInFrames();
    }

    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VideoFrame next() throws IOException {
        Frame f;
        try {
            f = grabber.grabImage();
        } catch (Exception e) {
            throw new IOException("decoding " + name + " failed at frame " + (index + 1) + ": " + MediaFiles.reason(e), e);
        }
        if (f == null || f.image == null) {
            return null;
        }
        RgbImage img = toRgb(f);
        // constant-rate index time: the store is indexed by frame, timestamps of some containers jitter
        VideoFrame out = new VideoFrame(index, index / fps, img);
        index++;
        return out;
    }

    /** Copies a JavaCV RGB24 frame (rows may be padded to a stride) into a tightly packed RgbImage. */
    static RgbImage toRgb(Frame f) {
        int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
        ByteBuffer buf = (ByteBuffer) f.image[0];
        byte[] rgb = new byte[w * h * 3];
        if (f.imageChannels != 3) {
            throw new IllegalStateException("expected 3 channels from the RGB24 decoder, got " + f.imageChannels);
        }
        for (int y = 0; y < h; y++) {
            buf.position(y * stride);
            buf.get(rgb, y * w * 3, w * 3);
        }
        buf.rewind();
        return new RgbImage(w, h, rgb);
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // closing a grabber that failed to start can throw; nothing left to release
        }
    }
}
