package org.affect4j.predict;

import org.affect4j.data.ExifJpegs;
import org.affect4j.data.Images;
import org.affect4j.data.Orientation;
import org.affect4j.data.RgbImage;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A phone photo stored on its side, with the EXIF tag that says so, is read as the upright photo. */
class PhotoOrientationTest {
    @TempDir
    Path tmp;

    /** The {@code k}-th FER2013 test picture of a class folder, in name order. */
    private static Path ferPicture(String cls, int k) throws IOException {
        Path dir = Locations.data().map(d -> d.resolve("fer2013/test").resolve(cls)).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "FER2013 not found (set AFFECT4J_DATA)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().skip(k).findFirst().orElseThrow();
        }
    }

    @Test
    void aPhotoStoredSidewaysGetsTheUprightPhotosReading() throws IOException {
        Path first = ferPicture("Happiness", 0);
        // a photo-sized copy of the picture, then stored a quarter anticlockwise as a phone held upright stores it
        BufferedImage src = javax.imageio.ImageIO.read(first.toFile()), big = new BufferedImage(192, 192, BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, 192, 192, null);
        g.dispose();
        RgbImage upright = Images.fromBufferedImage(big);
        RgbImage stored = new Orientation(3, false).apply(upright);
        byte[] tagged = ExifJpegs.withOrientation(stored, 6, true); // 6: shown turned a quarter clockwise
        Path sideways = Files.write(tmp.resolve("sideways.jpg"), tagged);
        Path uprightFile = tmp.resolve("upright.jpg");
        Images.write(upright, uprightFile);
        Path untagged = ExifJpegs.withoutExif(tagged, tmp.resolve("untagged.jpg"));
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().model(ExpressionModels.DEFAULT).threads(2).build()) {
            FrameExpression want = r.predict(uprightFile).frame(0), got = r.predict(sideways).frame(0);
            assertTrue(want.face() && got.face(), "a face either way");
            assertEquals(want.label(), got.label(), "the upright photo's label");
            assertArrayEquals(want.probabilities(), got.probabilities(), 0.05, "the upright photo's probabilities, up to coding loss");
            // the same bytes without the tag are a sideways face: the detector sees another picture
            FrameExpression bare = r.predict(untagged).frame(0);
            assertFalse(bare.face() && java.util.Arrays.equals(bare.probabilities(), got.probabilities()));
        }
    }

    @Test
    void aPictureInAFormatImageIoLacksIsReadAsThePictureNotAsAOneFrameVideo() throws IOException {
        RgbImage im = Images.read(ferPicture("Sadness", 3));
        Path png = tmp.resolve("face.png");
        Images.write(im, png);
        // the same pixels as binary PPM, which FFmpeg decodes and ImageIO does not
        java.io.ByteArrayOutputStream ppm = new java.io.ByteArrayOutputStream();
        ppm.writeBytes(("P6\n" + im.width() + " " + im.height() + "\n255\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ppm.writeBytes(im.rgb());
        Path ppmFile = Files.write(tmp.resolve("face.ppm"), ppm.toByteArray());
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().model(ExpressionModels.DEFAULT).threads(2).build()) {
            FrameExpression want = r.predict(png).frame(0), got = r.predict(ppmFile).frame(0);
            assertTrue(want.face() && got.face(), "a face either way");
            // the still-picture steps (the mirror reading, the canvas around a tight crop) apply to both: bit for bit
            assertArrayEquals(want.probabilities(), got.probabilities(), 0, "PPM read as the PNG is");
        }
    }
}
