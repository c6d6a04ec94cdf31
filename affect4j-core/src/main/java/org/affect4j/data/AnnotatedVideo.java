package org.affect4j.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One annotation file of the corpus and the media it belongs to.
 *
 * @param name       annotation name, e.g. {@code 10-60-1280x720_right}; also the feature-store video name and the
 *                   {@code cropped_aligned/<name>/} folder
 * @param videoId    the shared video, e.g. {@code 10-60-1280x720} (left/right files of one video share it)
 * @param side       which person of a two-person video this file follows
 * @param split      {@code Train_Set}, {@code Validation_Set} or a test list name
 * @param annotation the annotation file ({@code null} for unlabelled test videos)
 * @param media      the video (or audio) file {@code <videoId>.<ext>} if found
 * @param crops      the {@code cropped_aligned/<name>} folder if found
 */
public record AnnotatedVideo(String name, String videoId, Side side, String split, Path annotation,
                             Optional<Path> media, Optional<Path> crops) {
    /** Whose face an annotation file follows. */
    public enum Side {
        /** the only (or main) person */
        MAIN,
        /** the left-most person ({@code _left}) */
        LEFT,
        /** the right-most person ({@code _right}) */
        RIGHT
    }

    /**
     * The media file, or a {@link DataFormatException} naming the annotation (or the name, for an unlabelled test
     * list entry) and the folder searched.
     */
    public Path requireMedia(Path searched) {
        return media.orElseThrow(() -> new DataFormatException(annotation != null ? annotation : Path.of(name),
                "no video " + videoId + ".* found under " + searched));
    }

    /** Splits an annotation name into the shared video id and the side ({@code x_left} -> x, LEFT). */
    public static String[] parseName(String name) {
        if (name.endsWith("_left")) return new String[] {name.substring(0, name.length() - 5), Side.LEFT.name()};
        if (name.endsWith("_right")) return new String[] {name.substring(0, name.length() - 6), Side.RIGHT.name()};
        return new String[] {name, Side.MAIN.name()};
    }

    /** The 0-based frame {@code i}'s crop file name, {@code cropped_aligned/<name>/<i+1:05d>.jpg}. */
    public static String cropFileName(int frameIndex) {
        return String.format("%05d.jpg", frameIndex + 1);
    }
}
