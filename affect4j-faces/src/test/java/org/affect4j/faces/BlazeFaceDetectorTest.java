package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.affect4j.data.RgbImage;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.VideoFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BlazeFace on real talking-face video (CREMA-D) and on images without a face. */
class BlazeFaceDetectorTest {
    private static BlazeFaceDetector detector;

    @BeforeAll
    static void load() {
        detector = FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 2);
    }

    @AfterAll
    static void close() {
        if (detector != null) detector.close();
    }

    @Test
    void findsOnePlausibleFaceInEveryCremaFrame() throws IOException {
        int frames = 0, found = 0;
        for (Path clip : FaceTestData.cremaClips()) {
            try (FFmpegVideoSource src = FFmpegVideoSource.open(clip)) {
                VideoFrame f;
                while ((f = src.next()) != null) {
                    frames++;
                    var faces = detector.detect(f.image());
                    if (faces.isEmpty()) continue;
                    found++;
                    assertPlausible(faces.get(0), f.image(), clip + " frame " + f.index());
                }
            }
        }
        assertTrue(frames > 300, "decoded only " + frames + " frames");
        assertTrue(found >= frames * 0.98, "face found in " + found + " of " + frames + " frames");
    }

    /** Eyes above nose above mouth, right eye on the image left, all inside the box, box of a sane size. */
    static void assertPlausible(Face f, RgbImage img, String where) {
        BoundingBox b = f.box();
        Point re = f.keypoint(FaceKeypoint.RIGHT_EYE), le = f.keypoint(FaceKeypoint.LEFT_EYE);
        Point nose = f.keypoint(FaceKeypoint.NOSE_TIP), mouth = f.keypoint(FaceKeypoint.MOUTH_CENTER);
        assertTrue(f.score() >= 0.5f && f.score() <= 1f, where + ": score " + f.score());
        assertTrue(b.width() > img.width() * 0.1 && b.width() < img.width() * 0.6, where + ": box " + b);
        assertTrue(re.x() < le.x(), where + ": right eye should be on the image left");
        assertTrue(Math.max(re.y(), le.y()) < nose.y() && nose.y() < mouth.y(), where + ": eyes, nose, mouth order");
        for (Point p : new Point[] {re, le, nose, mouth}) {
            assertTrue(p.x() > b.x() && p.x() < b.right() && p.y() > b.y() && p.y() < b.bottom(),
                    where + ": keypoint " + p + " outside " + b);
        }
    }

    @Test
    void letterboxingMapsBoxesBackToTheFrame() throws IOException {
        Path clip = FaceTestData.cremaClips().get(0);
        RgbImage frame;
        try (FFmpegVideoSource src = FFmpegVideoSource.open(clip)) {
            frame = src.next().image();
        }
        Face plain = detector.detect(frame).get(0);
        // 480x360 pasted at y=60 into a 480x480 black canvas: the letterboxed model input is the same, so the box
        // and keypoints must move by exactly 60 px
        RgbImage square = ImageWarp.warp(frame, new SimilarityTransform(1, 0, 0, -60), 480, 480);
        Face exact = detector.detect(square).get(0);
        assertEquals(plain.box().x(), exact.box().x(), 1e-3);
        assertEquals(plain.box().y() + 60, exact.box().y(), 1e-3);
        assertEquals(plain.keypoint(FaceKeypoint.MOUTH_CENTER).y() + 60, exact.keypoint(FaceKeypoint.MOUTH_CENTER).y(),
                1e-3);
        // pasted at (40, 30) into a larger 560x420 canvas: the face is smaller in the model input, so only close
        RgbImage wide = ImageWarp.warp(frame, new SimilarityTransform(1, 0, -40, -30), 560, 420);
        Face shifted = detector.detect(wide).get(0);
        assertEquals(plain.box().centerX() + 40, shifted.box().centerX(), plain.box().width() * 0.08);
        assertEquals(plain.box().centerY() + 30, shifted.box().centerY(), plain.box().height() * 0.08);
        assertEquals(plain.box().width(), shifted.box().width(), plain.box().width() * 0.15);
    }

    @Test
    void blankAndNoiseImagesHaveNoFace() {
        assertTrue(detector.detect(new RgbImage(640, 360, new byte[640 * 360 * 3])).isEmpty());
        byte[] grey = new byte[300 * 200 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        assertTrue(detector.detect(new RgbImage(300, 200, grey)).isEmpty());
    }
}
