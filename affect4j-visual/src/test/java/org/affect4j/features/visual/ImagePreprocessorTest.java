package org.affect4j.features.visual;

import org.affect4j.data.RgbImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImagePreprocessorTest {
    private static OnnxImageConfig cfg(int size, OnnxImageConfig.Layout layout, OnnxImageConfig.Colour colour,
                                       OnnxImageConfig.Resize resize, float[] mean, float[] std) {
        return new OnnxImageConfig("t", Path.of("x.onnx"), size, size, layout, colour, 1f, mean, std, resize, null,
                null, 0, null);
    }

    private static RgbImage gradient() {
        // 2x2: pixel (x, y) has R = 10x + 100y, G = 1, B = 200
        byte[] px = new byte[2 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                px[(y * 2 + x) * 3] = (byte) (10 * x + 100 * y);
                px[(y * 2 + x) * 3 + 1] = 1;
                px[(y * 2 + x) * 3 + 2] = (byte) 200;
            }
        }
        return new RgbImage(2, 2, px);
    }

    /**
     * The resize lerps each source row along x once and reuses it for the output rows that read it: every value must
     * be the one a plain per-pixel bilinear sample gives (x first, then y, as tfjs computes it), bit for bit, when
     * enlarging (faceres' 112 to 224), shrinking (the tight region) and at odd ratios, for both sampling rules.
     */
    @Test
    void rowReuseGivesThePerPixelBilinearValues() {
        java.util.Random r = new java.util.Random(3);
        for (int[] sizes : new int[][] {{112, 224}, {90, 112}, {224, 112}, {37, 64}, {64, 37}, {5, 5}}) {
            int in = sizes[0], out = sizes[1];
            byte[] px = new byte[in * in * 3];
            r.nextBytes(px);
            RgbImage img = new RgbImage(in, in, px);
            for (OnnxImageConfig.Resize resize : OnnxImageConfig.Resize.values()) {
                float[] t = new float[out * out * 3];
                new ImagePreprocessor(cfg(out, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, resize, null, null))
                        .write(img, t, 0);
                // normalised (face-api's input): each value the formula's on the same sample
                float[] mean = {122.782f, 117.001f, 104.298f}, std = {255f, 255f, 255f}, n = new float[t.length];
                new ImagePreprocessor(cfg(out, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, resize, mean, std))
                        .write(img, n, 0);
                for (int k = 0; k < t.length; k++) assertEquals((t[k] * 1f - mean[k % 3]) / std[k % 3], n[k], "normalised " + k);
                double ratio = (double) in / out;
                for (int y = 0; y < out; y++) {
                    for (int x = 0; x < out; x++) {
                        double sx = resize == OnnxImageConfig.Resize.HALF_PIXEL ? Math.max(0.0, ratio * (x + 0.5) - 0.5) : ratio * x;
                        double sy = resize == OnnxImageConfig.Resize.HALF_PIXEL ? Math.max(0.0, ratio * (y + 0.5) - 0.5) : ratio * y;
                        int xa = Math.min((int) Math.floor(sx), in - 1), xb = Math.min(in - 1, (int) Math.ceil(sx));
                        int ya = Math.min((int) Math.floor(sy), in - 1), yb = Math.min(in - 1, (int) Math.ceil(sy));
                        double wx = sx - Math.floor(sx), wy = sy - Math.floor(sy);
                        for (int c = 0; c < 3; c++) {
                            double tl = px[(ya * in + xa) * 3 + c] & 0xff, tr = px[(ya * in + xb) * 3 + c] & 0xff;
                            double bl = px[(yb * in + xa) * 3 + c] & 0xff, br = px[(yb * in + xb) * 3 + c] & 0xff;
                            double top = tl + (tr - tl) * wx, bottom = bl + (br - bl) * wx;
                            assertEquals((float) (top + (bottom - top) * wy), t[(y * out + x) * 3 + c],
                                    in + "->" + out + " " + resize + " at (" + x + ", " + y + ", " + c + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void tfLegacyUpscaleSamplesAtIOverScale() {
        OnnxImageConfig c = cfg(4, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB,
                OnnxImageConfig.Resize.TF_LEGACY, null, null);
        float[] t = new float[4 * 4 * 3];
        new ImagePreprocessor(c).write(gradient(), t, 0);
        // x = 0, 0.5, 1, 1 (clamped) in source coordinates -> R = 0, 5, 10, 10 on row 0
        assertEquals(0f, t[0]);
        assertEquals(5f, t[3]);
        assertEquals(10f, t[6]);
        assertEquals(10f, t[9]);
        // row 1 samples source y = 0.5 -> R = 50 at x = 0
        assertEquals(50f, t[4 * 3]);
    }

    @Test
    void halfPixelUpscaleUsesPixelCentres() {
        OnnxImageConfig c = cfg(4, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB,
                OnnxImageConfig.Resize.HALF_PIXEL, null, null);
        float[] t = new float[4 * 4 * 3];
        new ImagePreprocessor(c).write(gradient(), t, 0);
        // source x = max(0, 0.5*(i+0.5)-0.5) = 0, 0.25, 0.75, 1.25->clamped 1
        assertEquals(0f, t[0]);
        assertEquals(2.5f, t[3], 1e-6);
        assertEquals(7.5f, t[6], 1e-6);
    }

    @Test
    void nchwBgrAndNormalisation() {
        OnnxImageConfig c = cfg(2, OnnxImageConfig.Layout.NCHW, OnnxImageConfig.Colour.BGR,
                OnnxImageConfig.Resize.TF_LEGACY, new float[] {100f, 0f, 10f}, new float[] {2f, 1f, 5f});
        float[] t = new float[2 * 2 * 3];
        new ImagePreprocessor(c).write(gradient(), t, 0);
        assertEquals((200f - 100f) / 2f, t[0]);          // channel 0 = B
        assertEquals(1f, t[4]);                           // channel 1 = G
        assertEquals((110f - 10f) / 5f, t[8 + 3]);        // channel 2 = R at (1, 1)
    }

    @Test
    void anImageAtTheInputSizeKeepsEveryPixelExactlyInBothResizeModes() {
        // every sample sits on a pixel: the interpolation's weights are 0, so the values are the pixels themselves
        java.util.Random r = new java.util.Random(7);
        byte[] px = new byte[6 * 6 * 3];
        r.nextBytes(px);
        RgbImage img = new RgbImage(6, 6, px);
        float[] mean = {122.8f, 117f, 104.3f}, std = {58f, 57f, 57.4f};
        for (OnnxImageConfig.Resize mode : OnnxImageConfig.Resize.values()) {
            float[] t = new float[6 * 6 * 3];
            new ImagePreprocessor(cfg(6, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, mode, mean, std)).write(img, t, 0);
            for (int i = 0; i < t.length; i++) {
                assertEquals(((px[i] & 0xff) * 1f - mean[i % 3]) / std[i % 3], t[i], mode + " value " + i);
            }
        }
    }

    @Test
    void greyIsLuma() {
        OnnxImageConfig c = cfg(2, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.GREY,
                OnnxImageConfig.Resize.TF_LEGACY, null, null);
        float[] t = new float[4];
        new ImagePreprocessor(c).write(gradient(), t, 0);
        assertEquals(0.587f + 0.114f * 200f, t[0], 1e-4);
    }

    @Test
    void invalidConfigValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> cfg(0, OnnxImageConfig.Layout.NHWC,
                OnnxImageConfig.Colour.RGB, OnnxImageConfig.Resize.TF_LEGACY, null, null));
        assertThrows(IllegalArgumentException.class, () -> cfg(4, OnnxImageConfig.Layout.NHWC,
                OnnxImageConfig.Colour.RGB, OnnxImageConfig.Resize.TF_LEGACY, new float[] {1, 2}, null));
    }

    @Test
    void aRegionFeedsOnlyThatSquareOfTheCrop() {
        // 4x4 crop, R = 10x + 100y; the region [0.5, 0.5, 0.5] is its bottom-right 2x2 square
        byte[] px = new byte[4 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) px[(y * 4 + x) * 3] = (byte) (10 * x + 50 * y);
        }
        OnnxImageConfig c = new OnnxImageConfig("t", Path.of("x.onnx"), 2, 2, OnnxImageConfig.Layout.NHWC,
                OnnxImageConfig.Colour.RGB, 1f, null, null, OnnxImageConfig.Resize.TF_LEGACY, null, null, 0,
                new float[] {0.5f, 0.5f, 0.5f});
        float[] t = new float[2 * 2 * 3];
        new ImagePreprocessor(c).write(new RgbImage(4, 4, px), t, 0);
        assertEquals(20f + 100f, t[0]);
        assertEquals(30f + 100f, t[3]);
        assertEquals(20f + 150f, t[6]);
        assertThrows(IllegalArgumentException.class, () -> new OnnxImageConfig("t", Path.of("x.onnx"), 2, 2,
                OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, 1f, null, null,
                OnnxImageConfig.Resize.TF_LEGACY, null, null, 0, new float[] {0.6f, 0f, 0.5f}));
    }
}
