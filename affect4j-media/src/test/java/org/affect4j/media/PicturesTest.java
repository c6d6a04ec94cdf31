package org.affect4j.media;

import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Still pictures in the formats ImageIO lacks come out pixel for pixel as the same picture in PNG does. */
class PicturesTest {
    @TempDir
    Path tmp;

    private static Path ferPicture() throws Exception {
        Path test = Locations.data().map(d -> d.resolve("fer2013/test/Happiness")).orElse(null);
        assumeTrue(test != null && Files.isDirectory(test), "FER2013 not found (set AFFECT4J_DATA)");
        try (Stream<Path> s = Files.list(test)) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    /** Netpbm: P6 (RGB) or P5 (grey, the red channel), binary, maximum 255. */
    private static byte[] netpbm(RgbImage im, boolean grey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((grey ? "P5" : "P6") + "\n" + im.width() + " " + im.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        byte[] rgb = im.rgb();
        if (!grey) {
            out.writeBytes(rgb);
        } else {
            for (int i = 0; i < rgb.length; i += 3) out.write(rgb[i]);
        }
        return out.toByteArray();
    }

    /** Uncompressed true-colour TGA, rows bottom-up in BGR order. */
    private static byte[] tga(RgbImage im) {
        int w = im.width(), h = im.height();
        byte[] out = new byte[18 + w * h * 3];
        out[2] = 2;
        out[12] = (byte) w;
        out[13] = (byte) (w >> 8);
        out[14] = (byte) h;
        out[15] = (byte) (h >> 8);
        out[16] = 24;
        byte[] rgb = im.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = ((h - 1 - y) * w + x) * 3, d = 18 + (y * w + x) * 3;
                out[d] = rgb[s + 2];
                out[d + 1] = rgb[s + 1];
                out[d + 2] = rgb[s];
            }
        }
        return out;
    }

    @Test
    void ppmPgmAndTgaGiveThePixelsOfTheJpegTheyWereWrittenFrom() throws Exception {
        RgbImage grey = Images.read(ferPicture()); // FER2013 is grey: three equal channels
        byte[] rgb = grey.rgb().clone();
        for (int i = 0; i < rgb.length; i += 3) rgb[i + 1] = (byte) (255 - (rgb[i] & 0xff)); // a colour picture too
        RgbImage colour = new RgbImage(grey.width(), grey.height(), rgb);
        Files.write(tmp.resolve("c.ppm"), netpbm(colour, false));
        Files.write(tmp.resolve("g.pgm"), netpbm(grey, true));
        Files.write(tmp.resolve("c.tga"), tga(colour));
        assertArrayEquals(colour.rgb(), Pictures.read(tmp.resolve("c.ppm")).rgb(), "PPM");
        assertArrayEquals(grey.rgb(), Pictures.read(tmp.resolve("g.pgm")).rgb(), "PGM: grey copied to the three channels");
        assertArrayEquals(colour.rgb(), Pictures.read(tmp.resolve("c.tga")).rgb(), "TGA");
        assertEquals(48, Pictures.read(tmp.resolve("c.tga")).width());
        for (String ext : new String[] {"webp", "tga", "ppm", "pgm", "jp2"}) {
            assertTrue(MediaFiles.isImage(Path.of("x." + ext)), ext + " is a still picture, not a one-frame video");
        }
        Files.writeString(tmp.resolve("bad.webp"), "not a picture\n".repeat(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pictures.read(tmp.resolve("bad.webp")));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
