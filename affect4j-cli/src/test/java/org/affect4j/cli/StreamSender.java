package org.affect4j.cli;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.file.Path;

/**
 * Test support: FFmpeg (JavaCV's, no binary needed) sending a clip (picture and sound) as a live MPEG-TS stream to a TCP address, paced
 * at the clip's frame rate as a camera or a broadcast would, looped {@code loops} times. It connects (retrying for a
 * while, so the receiver may start listening after it), sends, and closes the connection at the end. Run it in its
 * own JVM ({@link #spawn}): JavaCV holds one global lock while a grabber or recorder starts, and a receiver
 * listening for the connection holds it until the sender connects.
 */
final class StreamSender implements Runnable {
    /** The sound is sent as MPEG audio layer II at this rate (the clip's, resampled). */
    private static final int SAMPLE_RATE = 48_000;
    private final Path clip;
    private final String url;
    private final int loops;
    int sent;
    Throwable failure;

    StreamSender(Path clip, String url, int loops) {
        this.clip = clip;
        this.url = url;
        this.loops = loops;
    }

    /** Sends in a new JVM on this test's class path; its stdout ends with "sent N". */
    static Process spawn(Path clip, String url, int loops, Path log) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StreamSender.class.getName(),
                clip.toString(), url, Integer.toString(loops)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static void main(String[] args) {
        StreamSender s = new StreamSender(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        s.run();
        if (s.failure != null) {
            s.failure.printStackTrace();
            System.exit(1);
        }
        System.out.println("sent " + s.sent);
    }

    @Override
    public void run() {
        FFmpegFrameRecorder out = null;
        try {
            long t0 = 0;
            for (int l = 0; l < loops; l++) {
                try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(clip.toFile())) {
                    in.setSampleRate(SAMPLE_RATE);
                    in.start();
                    double fps = in.getFrameRate();
                    if (out == null) {
                        out = connect(in.getImageWidth(), in.getImageHeight(), fps, in.getAudioChannels());
                        t0 = System.nanoTime();
                    }
                    Frame f;
                    while ((f = in.grab()) != null) {
                        if (f.image == null) { // sound goes out as it comes, between the paced pictures
                            if (f.samples != null) out.record(f);
                            continue;
                        }
                        long wait = t0 + (long) (sent * 1e9 / fps) - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        out.record(f);
                        sent++;
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (out != null) {
                try {
                    out.stop();
                    out.release();
                } catch (Exception ignored) {
                    // the receiver may have gone already
                }
            }
        }
    }

    private FFmpegFrameRecorder connect(int w, int h, double fps, int channels) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(url, w, h, channels);
            r.setFormat("mpegts");
            if (channels > 0) {
                r.setAudioCodec(avcodec.AV_CODEC_ID_MP2);
                r.setSampleRate(SAMPLE_RATE);
                r.setAudioBitrate(128_000);
            }
            r.setFrameRate(fps);
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG2VIDEO);
            r.setVideoBitrate(2_000_000);
            r.setGopSize(10);
            try {
                r.start();
                return r;
            } catch (Exception e) { // nobody listening yet
                last = e;
                r.release();
                Thread.sleep(200);
            }
        }
        throw last;
    }
}
