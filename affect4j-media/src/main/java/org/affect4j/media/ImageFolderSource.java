package org.affect4j.media;

import org.affect4j.data.RgbImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Frames from a folder of images. Two layouts:
 * <ul>
 *   <li>numbered frames such as Aff-Wild2 {@code cropped_aligned/<video>/00001.jpg} (1-based): frame i is file
 *       {@code i+1}; a missing number is a frame without a face and is returned with a {@code null} image, so the
 *       frame count is the highest number present (or the count given by the caller, e.g. from the video);</li>
 *   <li>any other names: every image in name order is one frame.</li>
 * </ul>
 * Pictures are decoded one at a time ({@link Pictures}: ImageIO, or FFmpeg for the other still formats).
 */
public final class ImageFolderSource implements VideoSource {
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)\\.(jpg|jpeg|png|bmp)", Pattern.CASE_INSENSITIVE);

    private final String name;
    private final double fps;
    private final List<Path> frames; // null entries: no image for that frame
    private final int width;
    private final int height;
    private int index;

    private ImageFolderSource(String name, double fps, List<Path> frames) {
        this.name = name;
        this.fps = fps;
        this.frames = frames;
        Path first = frames.stream().filter(p -> p != null).findFirst()
                .orElseThrow(() -> new MediaException("folder " + name + " holds no images"));
        RgbImage img = Pictures.read(first);
        this.width = img.width();
        this.height = img.height();
    }

    /**
     * Opens a folder of frame images.
     *
     * @param dir       the folder
     * @param fps       its frame rate (from the matching video; a folder has none of its own)
     * @param minFrames at least this many frames are returned (trailing frames without an image), e.g. the
     *                  video's frame count; 0 to use the folder alone
     */
    public static ImageFolderSource open(Path dir, double fps, int minFrames) {
        if (!Files.isDirectory(dir)) throw new MediaException(dir + " is not a folder");
        if (!(fps > 0)) throw new IllegalArgumentException("a frame folder needs a positive frame rate, got " + fps);
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.filter(p -> Files.isRegularFile(p) && MediaFiles.isImage(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) throw new MediaException(dir + " holds no images (jpg, png, bmp)");
        TreeMap<Integer, Path> numbered = new TreeMap<>();
        for (Path p : images) {
            Matcher m = NUMBERED.matcher(p.getFileName().toString());
            if (!m.matches()) {
                numbered = null;
                break;
            }
            int n = Integer.parseInt(m.group(1));
            if (n < 1) throw new MediaException(p + ": frame numbers start at 1");
            numbered.put(n, p);
        }
        List<Path> frames = new ArrayList<>();
        if (numbered != null) {
            int count = Math.max(numbered.lastKey(), minFrames);
            for (int i = 1; i <= count; i++) frames.add(numbered.get(i));
        } else {
            frames.addAll(images);
            while (frames.size() < minFrames) frames.add(null);
        }
        return new ImageFolderSource(dir.getFileName().toString(), fps, frames);
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public int declaredFrameCount() {
        return frames.size();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public String name() {
        return name;
    }

    /** The next frame; its image is {@code null} when the folder has no file for it. */
    @Override
    public VideoFrame next() {
        if (index >= frames.size()) return null;
        Path p = frames.get(index);
        VideoFrame f = new VideoFrame(index, index / fps, p == null ? null : Pictures.read(p));
        index++;
        return f;
    }

    @Override
    public void close() {
        // nothing held open between frames
    }
}
