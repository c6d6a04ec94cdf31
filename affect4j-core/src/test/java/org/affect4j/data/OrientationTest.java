package org.affect4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class OrientationTest {
    @TempDir
    Path tmp;

    /** A w x h picture whose every pixel is distinct: red = x, green = y, blue = 7. */
    private static RgbImage numbered(int w, int h) {
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                b[(y * w + x) * 3] = (byte) x;
                b[(y * w + x) * 3 + 1] = (byte) y;
                b[(y * w + x) * 3 + 2] = 7;
            }
        return new RgbImage(w, h, b);
    }

    /** Where the stored pixel (x, y) is in the shown picture, as {x, y}. */
    private static int[] find(RgbImage shown, int x, int y) {
        for (int i = 0; i < shown.width() * shown.height(); i++) {
            if (shown.rgb()[3 * i] == (byte) x && shown.rgb()[3 * i + 1] == (byte) y) return new int[] {i % shown.width(), i / shown.width()};
        }
        throw new AssertionError("pixel " + x + "," + y + " lost");
    }

    @Test
    void everyExifValueShowsTheStoredCornersWhereTheTagSaysTheyBelong() {
        // EXIF 2.3, Orientation: where the stored first row's first and last pixels are seen (TL, TR, BR, BL)
        String[] first = {"TL", "TR", "BR", "BL", "TL", "TR", "BR", "BL"};
        String[] last = {"TR", "TL", "BL", "BR", "BL", "BR", "TR", "TL"};
        int w = 5, h = 3;
        RgbImage stored = numbered(w, h);
        for (int v = 1; v <= 8; v++) {
            RgbImage shown = Orientation.ofExif(v).apply(stored);
            boolean sideways = v >= 5;
            assertEquals(sideways ? h : w, shown.width(), "width, orientation " + v);
            assertEquals(sideways ? w : h, shown.height(), "height, orientation " + v);
            assertEquals(first[v - 1], corner(shown, find(shown, 0, 0)), "first pixel, orientation " + v);
            assertEquals(last[v - 1], corner(shown, find(shown, w - 1, 0)), "end of the first row, orientation " + v);
            int[] seen = new int[w * h];
            for (int i = 0; i < w * h; i++) seen[(shown.rgb()[3 * i] & 255) + w * (shown.rgb()[3 * i + 1] & 255)]++;
            assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every pixel once, orientation " + v);
        }
        assertSame(stored, Orientation.ofExif(1).apply(stored));
        assertSame(stored, Orientation.ofExif(0).apply(stored), "absent or invalid tag: as stored");
        assertSame(stored, Orientation.ofExif(9).apply(stored));
    }

    private static String corner(RgbImage im, int[] at) {
        String v = at[1] == 0 ? "T" : at[1] == im.height() - 1 ? "B" : "?";
        String u = at[0] == 0 ? "L" : at[0] == im.width() - 1 ? "R" : "?";
        return v + u;
    }

    @Test
    void displayRotationTurnsBackTheWayFfmpegReportsIt() {
        // av_display_rotation_get: counter-clockwise degrees the picture is turned by to be shown
        assertEquals(new Orientation(3, false), Orientation.ofDisplayRotation(90));
        assertEquals(new Orientation(1, false), Orientation.ofDisplayRotation(-90));
        assertEquals(new Orientation(1, false), Orientation.ofDisplayRotation(270));
        assertEquals(new Orientation(2, false), Orientation.ofDisplayRotation(180));
        assertEquals(new Orientation(2, false), Orientation.ofDisplayRotation(-180));
        assertEquals(Orientation.UPRIGHT, Orientation.ofDisplayRotation(0));
        assertEquals(Orientation.UPRIGHT, Orientation.ofDisplayRotation(-0.0));
        assertEquals(Orientation.UPRIGHT, Orientation.ofDisplayRotation(Double.NaN));
        assertEquals(Orientation.UPRIGHT, Orientation.ofDisplayRotation(3));
    }

    @Test
    void readsTheOrientationTagInEitherByteOrderAndIgnoresWhatIsNotOne() throws IOException {
        RgbImage im = numbered(16, 8);
        for (int v = 1; v <= 8; v++) {
            assertEquals(v, Orientation.exifOrientation(ExifJpegs.withOrientation(im, v, true)));
            assertEquals(v, Orientation.exifOrientation(ExifJpegs.withOrientation(im, v, false)));
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(im), "jpg", plain);
        assertEquals(1, Orientation.exifOrientation(plain.toByteArray()), "a JPEG without Exif");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(im), "png", png);
        assertEquals(1, Orientation.exifOrientation(png.toByteArray()), "not a JPEG");
        byte[] tagged = ExifJpegs.withOrientation(im, 6, true);
        // SOI, APP1 header (10 bytes), TIFF header (8), entry count (2), a 12-byte entry: the tag's entry ends at 46
        for (int cut = 0; cut < tagged.length; cut++) {
            int v = Orientation.exifOrientation(Arrays.copyOf(tagged, cut));
            if (cut < 46) assertEquals(1, v, "cut at " + cut + ", inside the tag's entry");
            else assertEquals(6, v, "cut at " + cut + ", after the tag's entry");
        }
        assertEquals(1, Orientation.exifOrientation(new byte[0]));
    }

    @Test
    void imagesReadTurnsAPhotoUprightAsItsTagSays() throws IOException {
        BufferedImage bi = new BufferedImage(64, 32, BufferedImage.TYPE_3BYTE_BGR);
        var g = bi.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 16, 8); // a bright block at the stored top-left
        g.dispose();
        byte[] tagged = ExifJpegs.withOrientation(Images.fromBufferedImage(bi), 6, false);
        Path taggedFile = Files.write(tmp.resolve("tagged.jpg"), tagged);
        RgbImage asStored = Images.read(ExifJpegs.withoutExif(tagged, tmp.resolve("plain.jpg")));
        RgbImage shown = Images.read(taggedFile);
        assertEquals(64, asStored.width());
        assertEquals(32, shown.width());
        assertEquals(64, shown.height());
        assertArrayEquals(new Orientation(1, false).apply(asStored).rgb(), shown.rgb(), "the same JPEG, turned");
        // orientation 6 is shown turned a quarter clockwise: the block at the top right
        int topRight = 31 * 3, bottomLeft = 63 * 32 * 3;
        assertTrue((shown.rgb()[topRight] & 255) > 200, "the stored top-left block is seen top right");
        assertTrue((shown.rgb()[bottomLeft] & 255) < 50);
    }

}
