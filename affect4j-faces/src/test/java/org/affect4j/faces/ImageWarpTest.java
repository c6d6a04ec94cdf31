package org.affect4j.faces;

import org.affect4j.data.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ImageWarpTest {
    private static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    /** The letterbox BlazeFaceDetector makes of a w x h frame into s x s, as an output-to-source map. */
    private static SimilarityTransform letterbox(int w, int h, int s) {
        double scale = (double) s / Math.max(w, h);
        return new SimilarityTransform(scale, 0, (s - w * scale) / 2, (s - h * scale) / 2).inverse();
    }

    @Test
    void aTransformWithoutRotationGivesThePixelsOfThePixelByPixelPath() {
        // landscape, portrait and square frames into the detector's 128 and 256 squares, and plain up/down scales
        int[][] sizes = {{480, 360}, {360, 480}, {640, 360}, {1920, 1080}, {97, 131}, {128, 128}, {48, 48}};
        for (int[] wh : sizes) {
            RgbImage src = noise(wh[0], wh[1], wh[0] * 31L + wh[1]);
            for (int s : new int[] {128, 256}) {
                SimilarityTransform t = letterbox(wh[0], wh[1], s);
                assertEquals(-0.0, t.b(), 0, "the inverse of a scale has b = -0");
                assertArrayEquals(ImageWarp.anyAngle(src, t, s, s).rgb(), ImageWarp.warp(src, t, s, s).rgb(),
                        wh[0] + "x" + wh[1] + " into " + s);
            }
            SimilarityTransform shifted = new SimilarityTransform(0.37, 0, -3.25, 11.5);
            assertArrayEquals(ImageWarp.anyAngle(src, shifted, 150, 90).rgb(), ImageWarp.warp(src, shifted, 150, 90).rgb());
        }
        // a rotated map goes pixel by pixel (and differs from the unrotated one)
        RgbImage src = noise(200, 150, 7);
        SimilarityTransform turned = new SimilarityTransform(0.9, 0.2, 5, -4);
        assertArrayEquals(ImageWarp.anyAngle(src, turned, 64, 64).rgb(), ImageWarp.warp(src, turned, 64, 64).rgb());
        assertNotEquals(java.util.Arrays.hashCode(ImageWarp.warp(src, new SimilarityTransform(0.9, 0, 5, -4), 64, 64).rgb()),
                java.util.Arrays.hashCode(ImageWarp.warp(src, turned, 64, 64).rgb()));
    }
}
