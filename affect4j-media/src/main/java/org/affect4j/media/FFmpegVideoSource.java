package org.affect4j.media;

import org.affect4j.data.Orientation;
import org.affect4j.data.RgbImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.function.Consumer;
import java.nio.file.Path;

/**
 * Decodes a video file with FFmpeg (JavaCV) into RGB frames at the native rate, turned as the stream's display
 * matrix says (a phone's portrait video comes out upright, as players show it). The frame rate comes from the
 * container; the number of frames is whatever really decodes ({@link #declaredFrameCount()} is only the claim).
 */
public final class FFmpegVideoSource implements VideoSource {
    static {
        MediaFiles.quietFFmpeg();
    }

    private final FFmpegFrameGrabber grabber;
    private final String name;
    private final double fps;
    private final boolean pixels;
    private final Orientation orientation;
    private int index;

    private FFmpegVideoSource(FFmpegFrameGrabber grabber, String name, double fps, boolean pixels) {
        this.grabber = grabber;
        this.name = name;
        this.fps = fps;
        this.pixels = pixels;
        // phones store portrait video on its side with a display matrix saying how to turn it; frames are given
        // turned, as every player shows them (the detector looks for upright faces)
        this.orientation = Orientation.ofDisplayRotation(grabber.getDisplayRotation());
    }

    /** Opens {@code file}; throws {@link MediaException} with a one-line reason when it cannot be decoded as video. */
    public static FFmpegVideoSource open(Path file) {
        return open(file, true);
    }

    /**
     * Opens {@code file} to count its frames with {@link #skip()}: frames are decoded but not converted to RGB
     * (the conversion and copy cost more than decoding a small picture). {@link #next()} is not available.
     */
    public static FFmpegVideoSource openForCounting(Path file) {
        return open(file, false);
    }

    /**
     * Pictures of at most this many pixels (640x480) are decoded on one thread: FFmpeg's frame threads (cores + 1)
     * cost them 25-40 % more CPU for no gain in time (2026-12-05: 1,798 frames of 480x360 MPEG-4 in 210-230 CPU-ms
     * and 217-220 ms on one thread against 370-390 CPU-ms and 275-287 ms; of 640x360 H.264 500 against 660-700 CPU-ms,
     * 486-495 against 459-477 ms), and predict's other threads keep both cores busy. Larger pictures keep the frame
     * threads, which shorten the decoding of 720p and 1080p by 30 %.
     */
    static final long ONE_THREAD_PIXELS = 640 * 480;

    private static FFmpegVideoSource open(Path file, boolean pixels) {
        MediaFiles.checkReadable(file);
        FFmpegFrameGrabber g = started(file, pixels, false);
        if (!g.hasVideo() || g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new MediaException(file + " has no video stream");
        }
        if ((long) g.getImageWidth() * g.getImageHeight() <= ONE_THREAD_PIXELS) {
            closeQuietly(g); // the thread count is fixed when the decoder opens; opening again costs ~2 ms
            g = started(file, pixels, true);
        }
        double fps = g.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps) || fps > 1000) {
            closeQuietly(g);
            throw new MediaException(file + " reports no usable frame rate (" + fps + ")");
        }
        return new FFmpegVideoSource(g, MediaFiles.baseName(file), fps, pixels);
    }

    private static FFmpegFrameGrabber started(Path file, boolean pixels, boolean oneThread) {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        if (pixels) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.COLOR);
        } else {
            g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.RAW);
        }
        if (oneThread) g.setVideoOption("threads", "1");
        try {
            g.start();
        } catch (Exception e) {
            closeQuietly(g);
            throw new MediaException(file + " is not a readable media file (" + MediaFiles.reason(e) + ")", e);
        }
        return g;
    }

    /** Frame rate assumed for a live source that does not report one (some cameras and raw streams). */
    public static final double LIVE_DEFAULT_FPS = 30;

    /**
     * Opens a live source: a camera device ({@code /dev/video0}, through video4linux2), a stream URL ({@code rtsp://},
     * {@code http://}, {@code udp://}, {@code tcp://}, ...) or {@code -} for a container on standard input. Decoding
     * asks for low delay; network reads give up after 10 s without data. A source without a usable frame rate is taken at {@value #LIVE_DEFAULT_FPS} frames per second.
     *
     * @throws MediaException with a one-line reason when the source cannot be opened or has no video
     */
    public static FFmpegVideoSource openLive(String source) {
        return openLive(source, false);
    }

    /**
     * Throws when {@code source} names a device ({@code /dev/...}) that does not exist: checked before anything is
     * said about reading it. Other sources (streams, standard input) are only known once opened.
     *
     * @throws MediaException naming the source
     */
    public static void requireLiveDevice(String source) {
        if (source.startsWith("/dev/") && !java.nio.file.Files.exists(Path.of(source))) {
            throw new MediaException("the live source " + source + " does not exist (no such camera device)");
        }
    }

    /**
     * {@link #openLive(String)}, with the sound decoded too when {@code audio} (as {@link AudioDecoder} reads files:
     * mono float samples at {@value AudioDecoder#SAMPLE_RATE} Hz), for {@link #next(Consumer)}.
     *
     * @throws MediaException with a one-line reason when the source cannot be opened or has no video
     */
    public static FFmpegVideoSource openLive(String source, boolean audio) {
        requireLiveDevice(source);
        if (source.startsWith("/dev/video") && !cameraInput()) {
            // FFmpeg's device library links the PulseAudio client; without it no device input is registered
            throw new MediaException("cannot read the camera " + source + ": FFmpeg's video4linux2 input did not load; it "
                    + "needs the PulseAudio client library (Debian/Ubuntu: apt-get install libpulse0)");
        }
        FFmpegFrameGrabber g;
        if ("-".equals(source)) {
            g = new FFmpegFrameGrabber(System.in, 0);
        } else {
            g = new FFmpegFrameGrabber(source);
            if (source.startsWith("/dev/video")) g.setFormat("video4linux2");
            if (source.startsWith("rtsp:")) g.setOption("rtsp_transport", "tcp");
            if (source.contains("://")) g.setOption("rw_timeout", "10000000");
        }
        // no "fflags nobuffer": it throws away the packets read while probing the stream (26 of 56 frames of an
        // MPEG-TS clip on stdin came out with it, all 56 without)
        g.setOption("flags", "low_delay");
        if (audio) {
            g.setSampleRate(AudioDecoder.SAMPLE_RATE);
            g.setAudioChannels(1);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        }
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        g.setImageMode(org.bytedeco.javacv.FrameGrabber.ImageMode.COLOR);
        String what = "-".equals(source) ? "standard input" : source;
        try {
            g.start();
        } catch (Exception e) {
            closeQuietly(g);
            throw new MediaException("cannot open the live source " + what + " (" + MediaFiles.reason(e) + ")", e);
        }
        if (!g.hasVideo() || g.getImageWidth() <= 0) {
            closeQuietly(g);
            throw new MediaException("the live source " + what + " has no video stream");
        }
        double fps = g.getFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps) || fps > 1000) fps = LIVE_DEFAULT_FPS;
        return new FFmpegVideoSource(g, "live", fps, true);
    }

    /** Whether FFmpeg's video4linux2 input is registered (its device library loaded). */
    static boolean cameraInput() {
        try {
            FFmpegFrameGrabber.tryLoad();
        } catch (Exception | LinkageError e) {
            // the device library failing to load is the case asked about; the formats below say the rest
        }
        return org.bytedeco.ffmpeg.global.avformat.av_find_input_format("video4linux2") != null;
    }

    /** Presentation time of the last frame {@link #next()} returned, in microseconds of the source's clock. */
    public long timestampMicros() {
        return grabber.getTimestamp();
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
        return orientation.width(grabber.getImageWidth(), grabber.getImageHeight());
    }

    @Override
    public int height() {
        return orientation.height(grabber.getImageWidth(), grabber.getImageHeight());
    }

    @Override
    public String name() {
        return name;
    }

    /** True when the source has a sound track ({@link #openLive(String, boolean)} decodes it). */
    public boolean hasAudio() {
        return AudioDecoder.audible(grabber);
    }

    @Override
    public VideoFrame next() throws IOException {
        return next(null);
    }

    /**
     * The next frame, handing the sound decoded on the way to {@code audio} (fresh arrays; null: the sound is skipped).
     *
     * @return the frame, or null at the end
     * @throws IOException when decoding fails
     */
    public VideoFrame next(Consumer<float[]> audio) throws IOException {
        if (!pixels) throw new IllegalStateException("a source opened for counting gives no pictures; use skip()");
        Frame f;
        try {
            while (true) {
                f = audio == null ? grabber.grabImage() : grabber.grabFrame(true, true, true, false);
                if (f == null || f.image != null) break;
                if (f.samples == null) continue;
                FloatBuffer fb = (FloatBuffer) f.samples[0];
                float[] chunk = new float[fb.remaining()];
                fb.get(chunk);
                audio.accept(chunk);
            }
        } catch (Exception e) {
            throw new IOException("decoding " + name + " failed at frame " + (index + 1) + ": " + MediaFiles.reason(e), e);
        }
        if (f == null || f.image == null) {
            return null;
        }
        RgbImage img = orientation.apply(toRgb(f));
        // constant-rate index time: the store is indexed by frame, timestamps of some containers jitter
        VideoFrame out = new VideoFrame(index, index / fps, img);
        index++;
        return out;
    }

    /**
     * Decodes the next frame without converting it to RGB or copying it (the frame count of {@link #next()}, cheaper:
     * at 1920x1080 ~1.2 instead of ~1.8 ms a frame for FFmpeg alone, before the ~6 MB copy {@link #next()} makes).
     *
     * @return false at the end
     * @throws IOException when decoding fails
     */
    @Override
    public boolean skip() throws IOException {
        try {
            Frame f;
            do {
                f = grabber.grabFrame(false, true, false, false);
            } while (f != null && f.image == null);
            if (f == null) return false;
        } catch (Exception e) {
            throw new IOException("decoding " + name + " failed at frame " + (index + 1) + ": " + MediaFiles.reason(e), e);
        }
        index++;
        return true;
    }

    /** Copies a JavaCV RGB24 frame (rows may be padded to a stride) into a tightly packed RgbImage. */
    static RgbImage toRgb(Frame f) {
        int w = f.imageWidth, h = f.imageHeight, stride = f.imageStride;
        ByteBuffer buf = (ByteBuffer) f.image[0];
        byte[] rgb = new byte[w * h * 3];
        // JavaCV derives imageChannels from stride / width, which padding inflates on narrow frames (96 px: 4);
        // the decoder is set to RGB24, so only a stride too short for 3 bytes a pixel is wrong
        if (stride < w * 3) {
            throw new IllegalStateException("expected RGB24 rows of at least " + w * 3 + " bytes, got a stride of " + stride);
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
