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
 *   java -cp "affect4j-cli/target/lib/*" bench/java/VideoTools.java handheld IN OUT SEED
 * loop: re-encodes IN (video and audio) scaled to WIDTHxHEIGHT, repeated until OUT lasts SECONDS.
 * decode: decode-only speed of the video stream (frames/s), the reference the extraction chain is compared to.
 * handheld: re-encodes IN (video and audio, same size) as if filmed by a moving hand-held camera: each frame shifted,
 * zoomed and turned by a smooth random walk (up to ~12 % of the width, 0.85-1.15x, 6 degrees; seeded), for measuring
 * what detecting and embedding every n-th frame costs when the face moves in the picture.
 */
public class VideoTools {
    public static void main(String[] a) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        switch (a[0]) {
            case "loop" -> loop(Path.of(a[1]), Path.of(a[2]), Double.parseDouble(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]));
            case "decode" -> decode(Path.of(a[1]));
            case "handheld" -> handheld(Path.of(a[1]), Path.of(a[2]), Long.parseLong(a[3]));
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

    static void handheld(Path in, Path out, long seed) throws Exception {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp.mp4");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        org.bytedeco.javacv.Java2DFrameConverter conv = new org.bytedeco.javacv.Java2DFrameConverter();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(in.toFile())) {
            g.setSampleRate(44100);
            g.start();
            int w = g.getImageWidth(), h = g.getImageHeight();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), w, h, g.getAudioChannels())) {
                r.setFormat("mp4");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setVideoQuality(3);
                r.setFrameRate(g.getFrameRate());
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setSampleRate(44100);
                r.start();
                // a damped random walk per parameter: smooth like a hand or a turning head, bounded
                double[] pos = new double[4], vel = new double[4];
                double[] bound = {0.12 * w, 0.12 * h, 0.15, Math.toRadians(6)};
                Frame f;
                while ((f = g.grab()) != null) {
                    if (f.image == null) {
                        r.record(f);
                        continue;
                    }
                    for (int k = 0; k < 4; k++) {
                        vel[k] = 0.85 * vel[k] + 0.03 * bound[k] * rng.nextGaussian() - 0.02 * pos[k];
                        pos[k] = Math.max(-bound[k], Math.min(bound[k], pos[k] + vel[k]));
                    }
                    java.awt.image.BufferedImage src = conv.convert(f);
                    java.awt.image.BufferedImage dst = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
                    java.awt.Graphics2D gr = dst.createGraphics();
                    gr.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    gr.translate(w / 2.0 + pos[0], h / 2.0 + pos[1]);
                    gr.rotate(pos[3]);
                    gr.scale(1 + pos[2], 1 + pos[2]);
                    gr.translate(-w / 2.0, -h / 2.0);
                    gr.drawImage(src, 0, 0, null);
                    gr.dispose();
                    r.record(conv.convert(dst), avutil.AV_PIX_FMT_BGR24);
                }
                r.stop();
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("wrote %s (hand-held camera, seed %d)%n", out, seed);
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
