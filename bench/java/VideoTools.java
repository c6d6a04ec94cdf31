import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark helpers on FFmpeg (JavaCV), run as a single-file program with the CLI's class path:
 *   java -cp "affect4j-cli/target/lib/*" bench/java/VideoTools.java loop IN OUT SECONDS WIDTH HEIGHT
 *   java -cp "affect4j-cli/target/lib/*" bench/java/VideoTools.java decode FILE
 * loop: re-encodes IN (video and audio) scaled to WIDTHxHEIGHT, repeated until OUT lasts SECONDS.
 * decode: decode-only speed of the video stream (frames/s), the reference the extraction chain is compared to.
 */
public class VideoTools {
    public static void main(String[] a) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        switch (a[0]) {
            case "loop" -> loop(Path.of(a[1]), Path.of(a[2]), Double.parseDouble(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]));
            case "decode" -> decode(Path.of(a[1]));
            default -> throw new IllegalArgumentException("unknown tool " + a[0]);
        }
    }

    static void loop(Path in, Path out, double seconds, int w, int h) throws Exception {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp.mp4");
        double fps;
        int channels;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.start();
            fps = g.getFrameRate();
            channels = g.getAudioChannels();
        }
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), w, h, channels)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(4);
            r.setFrameRate(fps);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(44100);
            r.start();
            long frames = 0, target = Math.round(seconds * fps);
            while (frames < target) {
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
                    g.setImageWidth(w);
                    g.setImageHeight(h);
                    g.setSampleRate(44100);
                    g.start();
                    Frame f;
                    while ((f = g.grab()) != null && frames < target) {
                        if (f.image != null) frames++;
                        r.record(f);
                    }
                }
            }
            r.stop();
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("wrote %s: %dx%d, %.0f s%n", out, w, h, seconds);
    }

    static void decode(Path file) throws Exception {
        long t0 = System.nanoTime();
        int n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            while (g.grabImage() != null) n++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("decode-only: %d frames in %.2f s = %.0f frames/s%n", n, s, n / s);
    }
}
