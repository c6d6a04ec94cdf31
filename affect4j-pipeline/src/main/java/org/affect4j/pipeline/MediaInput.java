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
 *             safe (a store key and the name of the outputs)
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
        return distinct(out);
    }

    /**
     * The inputs with distinct names: a name met again (a.mp4 beside a.wav, or two folders' a.mp4) gets -2, -3, ...
     * after it, in the given order, so no input's rows or outputs take another's place.
     *
     * @param inputs inputs, e.g. of several {@link #resolve} calls
     * @return the same inputs, renamed where needed
     */
    public static List<MediaInput> distinct(List<MediaInput> inputs) {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (MediaInput in : inputs) own.add(in.name());
        java.util.Set<String> used = new java.util.HashSet<>();
        List<MediaInput> out = new ArrayList<>(inputs.size());
        for (MediaInput in : inputs) {
            String n = in.name();
            if (!used.add(n)) {
                int k = 2;
                do {
                    n = in.name() + "-" + k++;
                } while (own.contains(n) || !used.add(n)); // never another input's own name
            }
            out.add(n.equals(in.name()) ? in : new MediaInput(n, in.kind(), in.path()));
        }
        return out;
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
        if (MediaFiles.isImage(f)) return new MediaInput(name, Kind.IMAGE, f);
        if (MediaFiles.isAudioOnly(f)) return new MediaInput(name, Kind.AUDIO, f);
        // an extension of no known kind (a single file of any name is tried): opened to see whether it has pictures
        if (MediaFiles.isUnknownKind(f) && !MediaFiles.hasVideoStream(f)) return new MediaInput(name, Kind.AUDIO, f);
        return new MediaInput(name, Kind.VIDEO, f);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
