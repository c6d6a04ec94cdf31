package org.affect4j.predict.recipe;

import org.affect4j.data.RgbImage;
import org.affect4j.data.Images;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceAugmentationTest {
    private static RgbImage gradient() {
        byte[] px = new byte[48 * 48 * 3];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                for (int c = 0; c < 3; c++) px[(y * 48 + x) * 3 + c] = (byte) (x * 5);
            }
        }
        return new RgbImage(48, 48, px);
    }

    @Test
    void mirrorTwiceIsTheIdentityAndMirrorsColumns() {
        RgbImage im = gradient();
        RgbImage m = Images.mirror(im);
        assertEquals(im.get(0, 10, 0), m.get(47, 10, 0));
        assertArrayEquals(im.rgb(), Images.mirror(m).rgb());
    }

    @Test
    void variantsAreSeededAndStayClose() {
        RgbImage im = gradient();
        RgbImage a = FaceAugmentation.DEFAULT.apply(im, 7), b = FaceAugmentation.DEFAULT.apply(im, 7);
        assertArrayEquals(a.rgb(), b.rgb(), "same seed, same variant");
        assertFalse(java.util.Arrays.equals(a.rgb(), FaceAugmentation.DEFAULT.apply(im, 8).rgb()), "another seed, another variant");
        // the centre pixel moves by at most the shift, rotation and scale allowed: its brightness stays on the ramp
        int centre = a.get(24, 24, 0);
        assertTrue(centre > 40 && centre < 220, "centre " + centre);
        RgbImage none = new FaceAugmentation(0, 0, 0, 0, 0, 0).apply(im, 1);
        RgbImage same = none.get(0, 0, 0) == im.get(0, 0, 0) ? im : Images.mirror(im);
        assertArrayEquals(same.rgb(), none.rgb(), "no change but the mirror when every range is zero");
    }

    @Test
    void theExtraZoomEnlargesTheCentreAndZeroLeavesTheVariantsAsBefore() {
        byte[] px = new byte[48 * 48 * 3];
        for (int y = 16; y < 32; y++) {
            for (int x = 16; x < 32; x++) java.util.Arrays.fill(px, (y * 48 + x) * 3, (y * 48 + x) * 3 + 3, (byte) 200);
        }
        RgbImage square = new RgbImage(48, 48, px);
        FaceAugmentation none = new FaceAugmentation(0, 0, 0, 0, 0, 0);
        FaceAugmentation zoom = new FaceAugmentation(0, 0, 0, 0, 0, 0.4);
        int before = bright(square);
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(before, bright(none.apply(square, seed)), "no zoom, no change of the square's size");
            int after = bright(zoom.apply(square, seed));
            assertTrue(after >= before && after <= Math.ceil(before * 1.4 * 1.4) + 4 * 16 * 1.4, "seed " + seed + ": " + after);
        }
        assertTrue(java.util.stream.LongStream.rangeClosed(1, 20).anyMatch(seed -> bright(zoom.apply(square, seed)) > before * 1.3),
                "some variants are zoomed well in");
    }

    private static int bright(RgbImage im) {
        int n = 0;
        for (int i = 0; i < im.rgb().length; i += 3) if ((im.rgb()[i] & 0xff) > 150) n++;
        return n;
    }

    @Test
    void blurKeepsAFlatImageFlat() {
        byte[] px = new byte[10 * 10 * 3];
        java.util.Arrays.fill(px, (byte) 100);
        assertArrayEquals(px, FaceAugmentation.blur(new RgbImage(10, 10, px)).rgb());
    }
}
