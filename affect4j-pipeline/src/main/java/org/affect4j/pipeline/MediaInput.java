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
 * @param name store video name (file name without extension, or folder name)
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
            return List.of(ofFile(path));
        }
        List<Path> entries = list(path);
        if (!entries.isEmpty() && entries.stream().filter(Files::isRegularFile).allMatch(MediaFiles::isImage)
                && entries.stream().anyMatch(Files::isRegularFile)) {
            return List.of(new MediaInput(path.getFileName().toString(), Kind.FRAME_FOLDER, path));
        }
        List<MediaInput> out = new ArrayList<>();
        for (Path e : entries) {
            if (Files.isRegularFile(e) && MediaFiles.isMedia(e)) {
                out.add(ofFile(e));
            } else if (Files.isDirectory(e) && list(e).stream().anyMatch(MediaFiles::isImage)) {
                out.add(new MediaInput(e.getFileName().toString(), Kind.FRAME_FOLDER, e));
            }
        }
        if (out.isEmpty()) throw new MediaException(path + " holds no video, audio, image or frame folder");
        return out;
    }

    private static MediaInput ofFile(Path f) {
        String name = MediaFiles.baseName(f);
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
