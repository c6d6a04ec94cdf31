package org.affect4j.data;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JPEG files as phones write them, with an EXIF Orientation tag, for tests of {@link Orientation}. */
public final class ExifJpegs {
    private ExifJpegs() {
    }

    /** A JPEG of {@code im} with an APP1 Exif segment holding Orientation {@code value} in the given byte order. */
    public static byte[] withOrientation(RgbImage im, int value, boolean little) throws IOException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        if (!ImageIO.write(Images.toBufferedImage(im), "jpg", plain)) throw new IOException("no JPEG writer");
        byte[] j = plain.toByteArray();
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(little ? new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0} : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        // IFD0: two entries (an unrelated tag first), then no next IFD
        tiff.writeBytes(u16(2, little));
        tiff.writeBytes(u16(0x010F, little)); tiff.writeBytes(u16(2, little)); tiff.writeBytes(u32(4, little)); tiff.writeBytes(new byte[] {'c', 'a', 'm', 0});
        tiff.writeBytes(u16(0x0112, little)); tiff.writeBytes(u16(3, little)); tiff.writeBytes(u32(1, little));
        tiff.writeBytes(u16(value, little)); tiff.writeBytes(new byte[2]);
        tiff.writeBytes(new byte[4]);
        byte[] body = tiff.toByteArray();
        int len = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(j, 0, 2); // SOI, then the Exif segment before the JFIF one
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len, 'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.write(j, 2, j.length - 2);
        return out.toByteArray();
    }

    private static byte[] u16(int v, boolean little) {
        return little ? new byte[] {(byte) v, (byte) (v >> 8)} : new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] u32(int v, boolean little) {
        return little ? new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)}
                : new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    /** The JPEG {@link #withOrientation} made, with its Exif segment taken out again. */
    public static Path withoutExif(byte[] tagged, Path file) throws IOException {
        int len = (tagged[4] & 255) << 8 | tagged[5] & 255;
        byte[] out = new byte[tagged.length - 2 - len];
        System.arraycopy(tagged, 0, out, 0, 2);
        System.arraycopy(tagged, 4 + len, out, 2, tagged.length - 4 - len);
        Files.write(file, out);
        return file;
    }
}
