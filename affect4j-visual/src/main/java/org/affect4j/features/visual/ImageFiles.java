package org.affect4j.features.visual;

import org.affect4j.data.RgbImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads image files (JPEG, PNG) into {@link RgbImage} with ImageIO. 8-bit grey images (such as FER2013's) are
 * copied to three channels unchanged, so the grey level reaches every channel exactly.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * @throws IllegalArgumentException if the file is missing or not a readable image
     */
    public static RgbImage read(Path file) {
        BufferedImage im;
        try {
            im = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (im == null) {
            throw new IllegalArgumentException(file + " is not an image ImageIO can decode");
        }
        int w = im.getWidth(), h = im.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (im.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] g = new byte[w * h];
            im.getRaster().getDataElements(0, 0, w, h, g);
            for (int i = 0; i < g.length; i++) {
                rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = g[i];
            }
        } else {
            int[] argb = im.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
