package org.affect4j.data;

/**
 * An 8-bit RGB image held as interleaved bytes, row-major ({@code [height][width][3]}).
 * Pure Java so that extractors and stores need no imaging library; media modules convert to and from it.
 *
 * @param width  width in pixels
 * @param height height in pixels
 * @param rgb    {@code width*height*3} bytes, R,G,B per pixel, unsigned
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " bytes for a "
                    + width + "x" + height + " RGB image, got " + rgb.length);
        }
    }

    /** Channel {@code c} (0=R,1=G,2=B) of pixel (x, y) as 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
