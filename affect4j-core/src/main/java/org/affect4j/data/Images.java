package org.affect4j.data;

import org.affect4j.util.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Image files to and from {@link RgbImage}, in pure Java (javax.imageio), so every module reads pixels the same way.
 * Grey images (FER2013 faces, grey crops) become three equal channels taken from the raster as stored:
 * {@link BufferedImage#getRGB} would pass them through a colour-space conversion that brightens them and changes
 * what the models see.
 */
public final class Images {
    private Images() {
    }

    /** Left-right mirror image (expressions are nearly symmetric: training and test-time augmentation). */
    public static RgbImage mirror(RgbImage im) {
        byte[] out = new byte[im.rgb().length];
        int w = im.width();
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(im.rgb(), (y * w + x) * 3, out, (y * w + (w - 1 - x)) * 3, 3);
            }
        }
        return new RgbImage(w, im.height(), out);
    }

    /**
     * Reads an image file, turned upright as its EXIF Orientation asks (phone photos; {@link Orientation}).
     *
     * @throws IllegalArgumentException naming the file if it is missing, empty or not an image ImageIO decodes
     */
    public static RgbImage read(Path file) {
        RgbImage im = readOrNull(file);
        if (im == null) throw new IllegalArgumentException(file + " is not a readable image");
        return im;
    }

    /**
     * {@link #read}, or null when the content is in no format ImageIO knows (whatever the file's name says), so that
     * a caller can hand it to another decoder.
     *
     * @param file the file
     * @return the picture, upright, or null
     * @throws IllegalArgumentException naming the file if it is missing, empty, or in a format ImageIO knows but broken
     */
    public static RgbImage readOrNull(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " does not exist");
            if (Files.size(file) == 0) throw new IllegalArgumentException(file + " is empty");
            byte[] bytes = Files.readAllBytes(file);
            BufferedImage bi = ImageIO.read(new ByteArrayInputStream(bytes));
            return bi == null ? null : Orientation.ofExif(Orientation.exifOrientation(bytes)).apply(fromBufferedImage(bi));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable image (" + e.getMessage() + ")", e);
        }
    }

    /** Converts a decoded image; grey rasters are copied as they are (see the class comment). */
    public static RgbImage fromBufferedImage(BufferedImage bi) {
        int w = bi.getWidth(), h = bi.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (bi.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] g = new byte[w * h];
            bi.getRaster().getDataElements(0, 0, w, h, g);
            for (int i = 0; i < g.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = g[i];
            return new RgbImage(w, h, rgb);
        }
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[i * 3] = (byte) (p >> 16);
            rgb[i * 3 + 1] = (byte) (p >> 8);
            rgb[i * 3 + 2] = (byte) p;
        }
        return new RgbImage(w, h, rgb);
    }

    public static BufferedImage toBufferedImage(RgbImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        int[] px = new int[img.width() * img.height()];
        byte[] b = img.rgb();
        for (int i = 0; i < px.length; i++) {
            px[i] = (b[i * 3] & 0xff) << 16 | (b[i * 3 + 1] & 0xff) << 8 | (b[i * 3 + 2] & 0xff);
        }
        bi.setRGB(0, 0, img.width(), img.height(), px, 0, img.width());
        return bi;
    }

    /** Writes {@code img} atomically as PNG ({@code .png}) or JPEG (any other extension). */
    public static void write(RgbImage img, Path file) {
        String fmt = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") ? "png" : "jpg";
        BufferedImage bi = toBufferedImage(img);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(bi, fmt, out)) throw new IOException("no image writer for " + fmt);
        });
    }
}
