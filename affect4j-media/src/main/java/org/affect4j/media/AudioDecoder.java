package org.affect4j.media;

import org.affect4j.util.FloatArrayBuilder;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads the audio track of any file FFmpeg reads (wav, flac, mp3, m4a, or a video's soundtrack) as mono float
 * samples in [-1, 1] at {@link #SAMPLE_RATE} Hz, resampled and down-mixed by FFmpeg.
 */
public final class AudioDecoder {
    /** The rate every audio feature works at. */
    public static final int SAMPLE_RATE = 16_000;

    static {
        MediaFiles.quietFFmpeg();
    }

    private AudioDecoder() {
    }

    /** True when {@code file} opens and has an audio stream. Throws {@link MediaException} if it does not open. */
    public static boolean hasAudio(Path file) {
        FFmpegFrameGrabber g = start(file);
        try {
            return audible(g);
        } finally {
            FFmpegVideoSource.closeQuietly(g);
        }
    }

    /**
     * Opens {@code file} and checks it has an audio stream that holds sound, decoding no more than its first frame: a
     * caller that reports progress calls this first, so an unreadable or empty recording ends with its error alone.
     *
     * @throws MediaException if the file cannot be opened, has no audio stream, or that stream has no samples
     */
    public static void requireAudio(Path file) {
        decoding(file, g -> {
            Frame f;
            do {
                f = g.grabSamples();
            } while (f != null && f.samples == null);
            if (f == null) throw noSamples(file);
            return null;
        });
    }

    /** What is done with a started grabber whose file has sound; FFmpeg's failures are checked exceptions. */
    private interface Decoding<T> {
        T run(FFmpegFrameGrabber g) throws Exception;
    }

    /**
     * Opens {@code file}, checks it has an audio stream and runs {@code work} on it, then closes it: the one place
     * where a decoding failure becomes a one-line {@link MediaException}.
     */
    private static <T> T decoding(Path file, Decoding<T> work) {
        FFmpegFrameGrabber g = start(file);
        try {
            if (!audible(g)) throw noAudio(file);
            return work.run(g);
        } catch (MediaException e) {
            throw e;
        } catch (Exception e) {
            throw new MediaException("decoding the audio of " + file + " failed: " + MediaFiles.reason(e), e);
        } finally {
            FFmpegVideoSource.closeQuietly(g);
        }
    }

    /** The one message for a recording whose audio stream decodes to nothing (a WAV header alone, say). */
    public static MediaException noSamples(Path file) {
        return new MediaException(file + " holds no sound (0 samples)");
    }

    /** The one test of "has sound" for a started grabber (also {@link FFmpegVideoSource#hasAudio()}). */
    static boolean audible(FFmpegFrameGrabber g) {
        return g.hasAudio() && g.getAudioChannels() > 0;
    }

    private static MediaException noAudio(Path file) {
        return new MediaException(file + " has no audio stream");
    }

    /**
     * Streams the samples in chunks as they decode (never the whole file in memory); each chunk is a fresh array
     * the consumer may keep. Returns the number of samples delivered.
     *
     * @throws MediaException if the file cannot be opened or has no audio stream
     */
    public static long stream(Path file, Consumer<float[]> chunks) {
        return decoding(file, g -> {
            long total = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                if (f.samples == null) continue;
                FloatBuffer fb = (FloatBuffer) f.samples[0];
                float[] chunk = new float[fb.remaining()];
                fb.get(chunk);
                total += chunk.length;
                chunks.accept(chunk);
            }
            return total;
        });
    }

    /** The whole track as one array (fine for clips; use {@link #stream} for long recordings). */
    public static float[] decode(Path file) {
        FloatArrayBuilder all = new FloatArrayBuilder(SAMPLE_RATE * 10);
        stream(file, all::add);
        return all.toArray();
    }

    private static FFmpegFrameGrabber start(Path file) {
        MediaFiles.checkReadable(file);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setSampleRate(SAMPLE_RATE);
        g.setAudioChannels(1);
        g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        try {
            g.start();
        } catch (Exception e) {
            FFmpegVideoSource.closeQuietly(g);
            throw new MediaException(file + " is not a readable media file (" + MediaFiles.reason(e) + ")", e);
        }
        return g;
    }
}
