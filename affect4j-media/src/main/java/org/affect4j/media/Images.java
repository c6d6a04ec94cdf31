package org.affect4j.media;

import org.affect4j.data.RgbImage;
import org.affect4j.util.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Conversions between {@link RgbImage} and files / {@link BufferedImage}, in pure Java (javax.imageio). */
public final class Images {
    private Images() {
    }

    /** Reads an image file (grey images become 3 equal channels). */
    public static RgbImage read(Path file) {
        MediaFiles.checkReadable(file);
        BufferedImage bi;
        try {
            bi = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new MediaException(file + " is not a readable image (" + MediaFiles.reason(e) + ")", e);
        }
        if (bi == null) throw new MediaException(file + " is not a readable image");
        return fromBufferedImage(bi);
    }

    public static RgbImage fromBufferedImage(BufferedImage bi) {
        int w = bi.getWidth(), h = bi.getHeight();
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
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

    /** Writes {@code img} atomically as JPEG or PNG (by the extension of {@code file}). */
    public static void write(RgbImage img, Path file) {
        String fmt = MediaFiles.extension(file).equals("png") ? "png" : "jpg";
        BufferedImage bi = toBufferedImage(img);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(bi, fmt, out)) throw new IOException("no image writer for " + fmt);
        });
    }
}
