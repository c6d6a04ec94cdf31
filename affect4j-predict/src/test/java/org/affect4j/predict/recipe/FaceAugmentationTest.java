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
    void blurKeepsAFlatImageFlat() {
        byte[] px = new byte[10 * 10 * 3];
        java.util.Arrays.fill(px, (byte) 100);
        assertArrayEquals(px, FaceAugmentation.blur(new RgbImage(10, 10, px)).rgb());
    }
}
