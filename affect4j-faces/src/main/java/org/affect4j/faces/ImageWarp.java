package org.affect4j.faces;

import org.affect4j.data.RgbImage;

/**
 * Bilinear resampling of an {@link RgbImage} under a similarity transform, in pure Java (no native copy). Pixel
 * centres sit at half-integers, as in OpenCV's {@code warpAffine}. Output pixels whose source point falls outside
 * the image are black, which is what MediaPipe's letterboxing and most face-crop tools (Aff-Wild2's included) show.
 * Used both for the detector's letterboxed input and for the aligned crop, so both share one sampler.
 */
public final class ImageWarp {
    private ImageWarp() {
    }

    /**
     * Warps {@code src} into a {@code width x height} image.
     *
     * @param outToSrc maps output pixel coordinates to source pixel coordinates (the inverse of the image-to-output map)
     */
    public static RgbImage warp(RgbImage src, SimilarityTransform outToSrc, int width, int height) {
        return outToSrc.b() == 0 ? scaled(src, outToSrc, width, height) : anyAngle(src, outToSrc, width, height);
    }

    /** {@link #warp} pixel by pixel, for any transform. */
    static RgbImage anyAngle(RgbImage src, SimilarityTransform outToSrc, int width, int height) {
        byte[] out = new byte[width * height * 3];
        byte[] in = src.rgb();
        int sw = src.width(), sh = src.height();
        for (int y = 0; y < height; y++) {
            double oy = y + 0.5;
            for (int x = 0; x < width; x++) {
                double ox = x + 0.5;
                // continuous source position, shifted so that integer values are pixel centres
                double fx = outToSrc.applyX(ox, oy) - 0.5;
                double fy = outToSrc.applyY(ox, oy) - 0.5;
                if (fx < -0.5 || fy < -0.5 || fx > sw - 0.5 || fy > sh - 0.5) continue;
                // fx, fy >= -0.5 here, so the floor is the truncation, or -1 below 0: Math.floor without the call
                // the launcher's C1 JIT makes of it (StrictMath.floorOrCeil, ~0.5 % of a video's CPU)
                int x0 = fx >= 0 ? (int) fx : -1, y0 = fy >= 0 ? (int) fy : -1;
                double wx = fx - x0, wy = fy - y0;
                int xa = clamp(x0, sw), xb = clamp(x0 + 1, sw), ya = clamp(y0, sh), yb = clamp(y0 + 1, sh);
                int p00 = (ya * sw + xa) * 3, p01 = (ya * sw + xb) * 3, p10 = (yb * sw + xa) * 3, p11 = (yb * sw + xb) * 3;
                blend(in, p00, p01, p10, p11, wx, wy, out, (y * width + x) * 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * {@link #warp} of a transform without rotation (the detector's letterbox): a column's source x and a row's source
     * y are the same for every pixel of it (b is 0, so {@code b * y} adds nothing), so they are worked out once per
     * column and row, with the same arithmetic, and every pixel comes out bit for bit as {@link #anyAngle} makes it
     * (0.33 to 0.28 CPU-ms a letterboxed 480x360 frame under predict's C1 JIT).
     */
    private static RgbImage scaled(RgbImage src, SimilarityTransform outToSrc, int width, int height) {
        byte[] out = new byte[width * height * 3];
        byte[] in = src.rgb();
        int sw = src.width(), sh = src.height();
        int[] xa = new int[width], xb = new int[width];
        double[] wx = new double[width];
        boolean[] inX = new boolean[width];
        for (int x = 0; x < width; x++) {
            double fx = outToSrc.applyX(x + 0.5, 0.5) - 0.5;
            inX[x] = !(fx < -0.5 || fx > sw - 0.5);
            int x0 = fx >= 0 ? (int) fx : -1;
            wx[x] = fx - x0;
            xa[x] = clamp(x0, sw) * 3;
            xb[x] = clamp(x0 + 1, sw) * 3;
        }
        for (int y = 0; y < height; y++) {
            double fy = outToSrc.applyY(0.5, y + 0.5) - 0.5;
            if (fy < -0.5 || fy > sh - 0.5) continue;
            int y0 = fy >= 0 ? (int) fy : -1;
            double wy = fy - y0;
            int rowA = clamp(y0, sh) * sw * 3, rowB = clamp(y0 + 1, sh) * sw * 3;
            for (int x = 0; x < width; x++) {
                if (!inX[x]) continue;
                blend(in, rowA + xa[x], rowA + xb[x], rowB + xa[x], rowB + xb[x], wx[x], wy, out, (y * width + x) * 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    /** One output pixel: the bilinear mix of four source pixels (byte offsets) with weights {@code wx, wy}. */
    private static void blend(byte[] in, int p00, int p01, int p10, int p11, double wx, double wy, byte[] out, int o) {
        for (int c = 0; c < 3; c++) {
            double top = (in[p00 + c] & 0xff) * (1 - wx) + (in[p01 + c] & 0xff) * wx;
            double bottom = (in[p10 + c] & 0xff) * (1 - wx) + (in[p11 + c] & 0xff) * wx;
            // the value is >= 0, so adding 0.5 and truncating is Math.round without its slow general path
            out[o + c] = (byte) (int) (top * (1 - wy) + bottom * wy + 0.5);
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : (v >= n ? n - 1 : v);
    }
}
