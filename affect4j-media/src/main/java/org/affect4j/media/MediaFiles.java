package org.affect4j.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Small checks shared by the decoders, so every bad file gets the same kind of one-line message. */
public final class MediaFiles {
    /**
     * Extensions read as still images (a single image or a folder of frames, {@link Pictures}): those Java's ImageIO
     * decodes and the still formats FFmpeg decodes.
     */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff",
            "jpe", "jfif", "webp", "tga", "ppm", "pgm", "pbm", "pnm", "pam", "jp2", "j2k", "pcx", "sgi", "qoi", "xbm",
            "xwd", "dpx", "exr");
    /**
     * Extensions treated as audio-only inputs. A file of an extension in none of these sets is probed instead
     * ({@link #probe}).
     */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "m4a", "ogg", "opus", "aac",
            "aif", "aiff", "aifc", "au", "caf", "wma", "mka", "amr", "ac3", "oga", "spx", "weba", "mp2", "wv");

    /** Extensions of video containers picked up when a folder is scanned (a single file of any name is tried). */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "avi", "mkv", "mov", "webm", "flv", "m4v", "mpg",
            "mpeg", "wmv", "3gp", "ts");

    private MediaFiles() {
    }

    /** Silences FFmpeg's console output (stream banners, warnings), which would bury our one-line errors. */
    static void quietFFmpeg() {
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        org.bytedeco.javacv.FFmpegLogCallback.setLevel(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
    }

    /** Throws {@link MediaException} if {@code file} is missing, not a regular file, unreadable or empty. */
    public static void checkReadable(Path file) {
        if (!Files.exists(file)) throw new MediaException(file + " does not exist");
        if (!Files.isRegularFile(file)) throw new MediaException(file + " is not a file");
        if (!Files.isReadable(file)) throw new MediaException(file + " is not readable");
        try {
            if (Files.size(file) == 0) throw new MediaException(file + " is empty");
        } catch (IOException e) {
            throw new MediaException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** File name without its last extension. */
    public static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Lower-case extension without the dot, or "". */
    public static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    public static boolean isImage(Path file) {
        return IMAGE_EXTENSIONS.contains(extension(file));
    }

    /** True for a file a folder scan should treat as media (video, audio or image). */
    public static boolean isMedia(Path file) {
        String e = extension(file);
        return VIDEO_EXTENSIONS.contains(e) || AUDIO_EXTENSIONS.contains(e) || IMAGE_EXTENSIONS.contains(e);
    }

    public static boolean isAudioOnly(Path file) {
        return AUDIO_EXTENSIONS.contains(extension(file));
    }

    /** What FFmpeg finds in a file ({@link #probe}). */
    public enum Content {
        /** Sound without pictures. */
        AUDIO,
        /** One still picture, read as a picture ({@link Pictures}). */
        PICTURE,
        /** A video (an animated GIF too), or nothing FFmpeg opens (its decoder's one-line error then names the file). */
        VIDEO
    }

    /**
     * What a file of a video container's or of an unknown extension holds, by opening it with FFmpeg: an audio-only
     * container of any name is {@link Content#AUDIO}; a picture however it is named (a Yale face {@code
     * subject01.happy} is a GIF, a {@code .dat} may be a JPEG) is {@link Content#PICTURE}, read as the same picture
     * under its own extension is; anything else is {@link Content#VIDEO}.
     */
    public static Content probe(Path file) {
        quietFFmpeg();
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            g.start();
            if (!g.hasVideo()) return g.hasAudio() ? Content.AUDIO : Content.VIDEO;
            String f = g.getFormat();
            // FFmpeg's demuxers of single pictures: image2 and the content-probed *_pipe ones (png_pipe, ...); a GIF
            // of one frame is a picture, an animated one a video
            boolean still = f != null && (f.endsWith("_pipe") || f.equals("image2") || f.equals("gif") && g.getLengthInFrames() <= 1);
            return still ? Content.PICTURE : Content.VIDEO;
        } catch (Exception | LinkageError e) {
            return Content.VIDEO;
        }
    }

    /** The first line of an exception's message, without FFmpeg's multi-line noise. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl).trim() : m.trim();
        // JavaCV appends advice to its own developers ("(Has setFormat() been called?)"): not the user's business
        m = m.replaceAll("\\s*\\((Has setFormat\\(\\) been called\\?|For more details, make sure FFmpegLogCallback\\.set\\(\\) has been called\\.)\\)", "");
        // "avformat_open_input() error -1094995529: Could not open input "x"." says only the last part plainly
        if (m.matches("av\\w+\\(\\) error -?\\d+: .*")) m = m.substring(m.indexOf(": ") + 2);
        return m.trim();
    }
}
