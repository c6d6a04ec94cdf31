package org.affect4j.faces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.affect4j.data.Images;

/**
 * Writes aligned crops as the ABAW challenge lays them out: {@code <root>/<video>/<NNNNN>.jpg}, five digits,
 * 1-based (frame index 0 is {@code 00001.jpg}), no file for frames without a face. Each file is written
 * atomically (temporary file, then rename), so a crash never leaves a half-written JPEG and a rerun can skip files
 * that exist. Thread-safe (distinct frames go to distinct files).
 */
public final class CropWriter {
    private final Path dir;

    /**
     * @param root  the {@code cropped_aligned} folder
     * @param video the video's name (its folder under {@code root})
     */
    public CropWriter(Path root, String video) {
        if (video.isBlank() || video.contains("/") || video.contains("\\")) {
            throw new IllegalArgumentException("bad video name for a crop folder: '" + video + "'");
        }
        this.dir = root.resolve(video);
    }

    /** The folder of this video's crops. */
    public Path directory() {
        return dir;
    }

    /** The file of the crop of 0-based frame {@code index} (six digits from frame 100,000 on, as {@code %05d} gives). */
    public Path path(int index) {
        if (index < 0) throw new IllegalArgumentException("frame index must be >= 0, got " + index);
        return dir.resolve(String.format(Locale.ROOT, "%05d.jpg", index + 1));
    }

    /** True when the crop of frame {@code index} was already written. */
    public boolean exists(int index) {
        return Files.isRegularFile(path(index));
    }

    /** Writes the crop of a valid frame; does nothing for an invalid one. */
    public void write(FaceFrame frame) {
        if (frame.valid()) Images.write(frame.crop(), path(frame.index()));
    }
}
