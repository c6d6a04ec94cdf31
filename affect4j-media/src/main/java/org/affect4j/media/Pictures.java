package org.affect4j.media;

import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Still pictures, one reader for every path that reads one (a picture given to {@code predict} or {@code extract}, a
 * folder of frames, the default model's recipe): content Java's ImageIO decodes (JPEG, PNG, BMP, GIF, TIFF, whatever
 * the file is called) by {@link Images#read}, EXIF orientation applied; any other still format (WebP, TGA, the PNM
 * family, JPEG 2000, ...) as FFmpeg's decoder gives its picture. Before, those were opened as one-frame videos: a
 * WebP face was read without the still-picture steps (the mirror reading, the canvas around a tight crop) and
 * labelled otherwise than the same picture as PNG.
 */
public final class Pictures {
    private Pictures() {
    }

    /**
     * Decodes a picture to RGB.
     *
     * @param file a still picture
     * @return its pixels, upright
     * @throws IllegalArgumentException with a one-line reason when it cannot be read
     */
    public static RgbImage read(Path file) {
        RgbImage im = Images.readOrNull(file); // checks the file is there and not empty
        if (im != null) return im;
        try (FFmpegVideoSource s = FFmpegVideoSource.open(file)) {
            VideoFrame f = s.next();
            if (f == null) throw new MediaException(file + " holds no picture");
            return f.image();
        } catch (IOException e) {
            throw new MediaException(file + " is not a readable image (" + MediaFiles.reason(e) + ")", e);
        }
    }
}
