package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.affect4j.data.RgbImage;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    /** A smooth synthetic image, so that resampling errors stay small. */
    static RgbImage smooth(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                px[o] = (byte) (128 + 100 * Math.sin(x / 7.0) * Math.cos(y / 9.0));
                px[o + 1] = (byte) (x * 255 / w);
                px[o + 2] = (byte) (y * 255 / h);
            }
        }
        return new RgbImage(w, h, px);
    }

    @Test
    void identityWarpCopiesTheImage() {
        RgbImage img = smooth(40, 30);
        assertArrayEquals(img.rgb(), ImageWarp.warp(img, SimilarityTransform.IDENTITY, 40, 30).rgb());
    }

    @Test
    void outsideTheSourceIsBlack() {
        RgbImage img = smooth(10, 10);
        RgbImage out = ImageWarp.warp(img, new SimilarityTransform(1, 0, -100, 0), 10, 10);
        for (byte b : out.rgb()) assertEquals(0, b);
    }

    @Test
    void alignmentRecoversTheCropFromARotatedScaledFace() {
        FaceAligner aligner = new FaceAligner();
        CropTemplate tpl = aligner.template();
        RgbImage crop = smooth(tpl.size(), tpl.size());
        // place the "face" in a 480x360 frame: twice as large, rotated by 20 degrees, shifted
        SimilarityTransform cropToFrame = SimilarityTransform.of(2.0, Math.toRadians(20), 200, 60);
        RgbImage frame = ImageWarp.warp(crop, cropToFrame.inverse(), 480, 360);
        List<Point> kp = new ArrayList<>();
        for (Point p : tpl.points()) kp.add(cropToFrame.apply(p));
        kp.add(new Point(0, 0)); // ears are not used by the aligner
        kp.add(new Point(0, 0));
        Face face = new Face(new BoundingBox(200, 60, 224, 224), 0.9f, kp);

        AlignedFace aligned = aligner.align(frame, face);
        assertEquals(tpl.size(), aligned.crop().width());
        assertEquals(1.0 / 2.0, aligned.imageToCrop().scale(), 1e-9);
        assertEquals(Math.toRadians(-20), aligned.imageToCrop().rotation(), 1e-9);
        double err = 0;
        int n = 0;
        for (int y = 4; y < tpl.size() - 4; y++) {
            for (int x = 4; x < tpl.size() - 4; x++) {
                for (int c = 0; c < 3; c++) {
                    err += Math.abs(aligned.crop().get(x, y, c) - crop.get(x, y, c));
                    n++;
                }
            }
        }
        assertTrue(err / n < 1.5, "mean absolute error " + err / n);
    }

    @Test
    void templateScalesWithTheCropSize() {
        CropTemplate t = CropTemplate.AFF_WILD2_112.withSize(224);
        assertEquals(224, t.size());
        assertEquals(80, t.rightEye().x(), 1e-9);
        assertEquals(152, t.mouth().y(), 1e-9);
    }
}
