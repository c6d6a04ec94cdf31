package org.affect4j.pipeline;

import org.affect4j.media.MediaException;
import org.affect4j.media.MediaFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One thing to extract features from.
 *
 * @param name store video name: the file name without extension, or the folder name, as {@link #nameOf} makes it
 *             safe (a store key and the name of the outputs; {@link #requireDistinctNames} for a run's inputs)
 * @param kind what the path holds
 * @param path the file or folder
 */
public record MediaInput(String name, Kind kind, Path path) {
    /** What an input path holds. */
    public enum Kind {
        /** a video file (its audio track, if any, is used too) */
        VIDEO,
        /** an audio-only file */
        AUDIO,
        /** a single image: one frame */
        IMAGE,
        /** a folder of frame images, e.g. Aff-Wild2 {@code cropped_aligned/<video>/}: faces already aligned */
        FRAME_FOLDER
    }

    /** True when the frames are already aligned face crops (detection and alignment are skipped). */
    public boolean preAligned() {
        return kind == Kind.FRAME_FOLDER;
    }

    /**
     * Resolves a user's path: a video, audio or image file is one input; a folder of images is one frame folder;
     * a folder of media files (or of frame folders) is one input per entry. Files inside a folder are not opened
     * here: an empty or corrupt one fails later, on its own, so the others still get extracted.
     *
     * @throws MediaException if the path does not exist, is an unreadable file, or is a folder with no media
     */
    public static List<MediaInput> resolve(Path path) {
        if (!Files.exists(path)) throw new MediaException(path + " does not exist");
        if (Files.isRegularFile(path)) {
            MediaFiles.checkReadable(path);
            return List.of(ofFile(path, nameOf(MediaFiles.baseName(path))));
        }
        List<Path> entries = list(path);
        if (!entries.isEmpty() && entries.stream().filter(Files::isRegularFile).allMatch(MediaFiles::isImage)
                && entries.stream().anyMatch(Files::isRegularFile)) {
            return List.of(new MediaInput(nameOf(folderName(path)), Kind.FRAME_FOLDER, path));
        }
        List<MediaInput> out = new ArrayList<>();
        for (Path e : entries) {
            if (Files.isRegularFile(e) && MediaFiles.isMedia(e)) {
                out.add(ofFile(e, nameOf(MediaFiles.baseName(e))));
            } else if (Files.isDirectory(e) && list(e).stream().anyMatch(MediaFiles::isImage)) {
                out.add(new MediaInput(nameOf(folderName(e)), Kind.FRAME_FOLDER, e));
            }
        }
        if (out.isEmpty()) throw new MediaException(path + " holds no video, audio, image or frame folder");
        return out;
    }

    /**
     * Refuses inputs that share a name (a.mp4 beside a.wav, two folders' a.mp4, or {@code a b.mp4} beside
     * {@code a_b.mp4} once made safe): their rows and outputs would take each other's place.
     *
     * @param inputs the inputs of one run
     * @throws IllegalArgumentException naming the first two files of one name
     */
    public static void requireDistinctNames(List<MediaInput> inputs) {
        java.util.Map<String, Path> seen = new java.util.HashMap<>();
        for (MediaInput in : inputs) {
            Path other = seen.putIfAbsent(in.name(), in.path());
            if (other != null) {
                throw new IllegalArgumentException("two inputs are named '" + in.name() + "' (" + other + " and "
                        + in.path() + "); their outputs would clash: rename one, or give them in separate runs");
            }
        }
    }

    /**
     * An input's name from its file or folder name: letters and digits of ASCII, '.', '_', '+' and '-' are kept,
     * every other character (a space, an accented letter) becomes '_', and a name that does not start with a letter
     * or digit gets an 'x' in front; so {@code my clip é.mp4} is {@code my_clip__}. Aff-Wild2's names
     * ({@code 10-60-1280x720}, {@code video10_1_right}) are kept as they are, as the ABAW files name them.
     *
     * @param raw the file name without its extension, or the folder name
     * @return a name the feature store and the output files take
     */
    public static String nameOf(String raw) {
        StringBuilder b = new StringBuilder(raw.length() + 1);
        raw.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || ".+_-".indexOf(c) >= 0) ? (char) c : '_'));
        if (b.isEmpty() || !Character.isLetterOrDigit(b.charAt(0))) b.insert(0, 'x');
        String n = b.toString();
        return n.endsWith(".mask") || n.equals("videos") ? n + "_" : n; // the store's own file and folder names
    }

    private static String folderName(Path dir) {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return f == null ? "root" : f.toString();
    }

    private static MediaInput ofFile(Path f, String name) {
        // a GIF may be a picture or an animation: probed like a container (an animated one is a short video)
        if (MediaFiles.isImage(f) && !MediaFiles.extension(f).equals("gif")) return new MediaInput(name, Kind.IMAGE, f);
        if (MediaFiles.isAudioOnly(f)) return new MediaInput(name, Kind.AUDIO, f);
        // a video container or an extension of no known kind (a single file of any name is tried) is opened to see
        // what it holds: an audio-only .mp4 / .webm / .mkv is a recording, a misnamed picture a picture
        return switch (MediaFiles.probe(f)) {
            case AUDIO -> new MediaInput(name, Kind.AUDIO, f);
            case PICTURE -> new MediaInput(name, Kind.IMAGE, f);
            case VIDEO -> new MediaInput(name, Kind.VIDEO, f);
        };
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
