package org.affect4j.data;

/**
 * How a stored picture is turned to be seen upright: a number of quarter turns clockwise, then optionally a
 * left-right mirror. Phones store photos and videos as the sensor reads them and say how to show them (a JPEG's
 * EXIF Orientation tag, a video's display matrix); every viewer applies it, so the face detector, which looks for
 * upright faces, and the coordinates written in {@code frames.csv} must see the picture the same way.
 *
 * @param quarterTurns clockwise quarter turns, 0-3
 * @param mirror       mirrored left-right after turning
 */
public record Orientation(int quarterTurns, boolean mirror) {
    /** The picture as stored. */
    public static final Orientation UPRIGHT = new Orientation(0, false);

    public Orientation {
        if (quarterTurns < 0 || quarterTurns > 3) throw new IllegalArgumentException("quarterTurns must be 0-3: " + quarterTurns);
    }

    /**
     * The orientation an EXIF / TIFF Orientation value (1-8) asks for; any other value (absent, corrupt) is upright.
     * 2 mirror; 3 half turn; 4 half turn and mirror (upside down mirrored); 5 quarter turn and mirror (transposed);
     * 6 quarter turn; 7 three quarter turns and mirror (transversed); 8 three quarter turns.
     */
    public static Orientation ofExif(int value) {
        return switch (value) {
            case 2 -> new Orientation(0, true);
            case 3 -> new Orientation(2, false);
            case 4 -> new Orientation(2, true);
            case 5 -> new Orientation(1, true);
            case 6 -> new Orientation(1, false);
            case 7 -> new Orientation(3, true);
            case 8 -> new Orientation(3, false);
            default -> UPRIGHT;
        };
    }

    /**
     * The orientation a video's display matrix asks for, from its rotation angle as FFmpeg reports it
     * (counter-clockwise degrees, {@code av_display_rotation_get}); rounded to the nearest quarter turn.
     */
    public static Orientation ofDisplayRotation(double counterClockwiseDegrees) {
        if (!Double.isFinite(counterClockwiseDegrees)) return UPRIGHT;
        long quarters = Math.round(-counterClockwiseDegrees / 90.0);
        return new Orientation((int) Math.floorMod(quarters, 4), false);
    }

    /** True when the picture is shown as stored. */
    public boolean isUpright() {
        return quarterTurns == 0 && !mirror;
    }

    /** True when width and height trade places. */
    public boolean swapsSides() {
        return quarterTurns % 2 == 1;
    }

    /** Width of a stored picture of {@code width} x {@code height} once turned. */
    public int width(int width, int height) {
        return swapsSides() ? height : width;
    }

    /** Height of a stored picture of {@code width} x {@code height} once turned. */
    public int height(int width, int height) {
        return swapsSides() ? width : height;
    }

    /** The picture as it is to be seen (the same instance when upright). */
    public RgbImage apply(RgbImage im) {
        if (isUpright()) return im;
        int w = im.width(), h = im.height(), ow = width(w, h), oh = height(w, h);
        byte[] src = im.rgb(), out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // where the stored pixel (x, y) lands after the turns, then the mirror
                int tx, ty;
                switch (quarterTurns) {
                    case 1 -> { tx = h - 1 - y; ty = x; }
                    case 2 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 3 -> { tx = y; ty = w - 1 - x; }
                    default -> { tx = x; ty = y; }
                }
                if (mirror) tx = ow - 1 - tx;
                int s = (y * w + x) * 3, d = (ty * ow + tx) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }

    /**
     * The EXIF Orientation of a JPEG file's bytes (its APP1 "Exif" segment, IFD0 tag 0x0112), or 1 when the file is
     * not a JPEG, has no such tag or the segment is malformed.
     */
    public static int exifOrientation(byte[] jpeg) {
        try {
            if (jpeg.length < 4 || (jpeg[0] & 255) != 0xFF || (jpeg[1] & 255) != 0xD8) return 1;
            int p = 2;
            while (p + 4 <= jpeg.length && (jpeg[p] & 255) == 0xFF) {
                int marker = jpeg[p + 1] & 255;
                if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { p += 2; continue; }
                if (marker == 0xDA || marker == 0xD9) return 1; // image data: no more metadata segments
                int len = u16(jpeg, p + 2, false);
                int body = p + 4;
                if (marker == 0xE1 && len >= 8 && body + 6 <= jpeg.length
                        && jpeg[body] == 'E' && jpeg[body + 1] == 'x' && jpeg[body + 2] == 'i' && jpeg[body + 3] == 'f'
                        && jpeg[body + 4] == 0 && jpeg[body + 5] == 0) {
                    return tiffOrientation(jpeg, body + 6, Math.min(jpeg.length, p + 2 + len));
                }
                p += 2 + len;
            }
        } catch (ArrayIndexOutOfBoundsException malformed) {
            // a cut or corrupt segment: show the picture as stored
        }
        return 1;
    }

    /** Orientation in IFD0 of the TIFF structure at {@code [t, end)}, or 1. */
    private static int tiffOrientation(byte[] b, int t, int end) {
        if (t + 8 > end) return 1;
        boolean little;
        if (b[t] == 'I' && b[t + 1] == 'I') little = true;
        else if (b[t] == 'M' && b[t + 1] == 'M') little = false;
        else return 1;
        if (u16(b, t + 2, little) != 42) return 1;
        long ifd = u32(b, t + 4, little);
        if (ifd < 8 || t + ifd + 2 > end) return 1;
        int at = (int) (t + ifd), n = u16(b, at, little);
        for (int i = 0; i < n; i++) {
            int e = at + 2 + 12 * i;
            if (e + 12 > end) return 1;
            if (u16(b, e, little) == 0x0112 && u16(b, e + 2, little) == 3) return u16(b, e + 8, little);
        }
        return 1;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 255, c = b[at + 1] & 255;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) v |= (long) (b[at + i] & 255) << (little ? 8 * i : 8 * (3 - i));
        return v;
    }
}
