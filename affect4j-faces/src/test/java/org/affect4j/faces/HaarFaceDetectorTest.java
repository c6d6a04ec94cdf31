package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.affect4j.data.RgbImage;
import org.affect4j.media.FFmpegVideoSource;
import org.junit.jupiter.api.Test;

class HaarFaceDetectorTest {
    @Test
    void findsTheSameFaceAsBlazeFaceWithEstimatedKeypoints() throws IOException {
        RgbImage frame;
        try (FFmpegVideoSource src = FFmpegVideoSource.open(FaceTestData.cremaClips().get(0))) {
            frame = src.next().image();
        }
        try (HaarFaceDetector haar = new HaarFaceDetector(); BlazeFaceDetector blaze =
                FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1)) {
            List<Face> h = haar.detect(frame);
            assertFalse(h.isEmpty());
            Face hf = h.get(0), bf = blaze.detect(frame).get(0);
            assertTrue(hf.box().iou(bf.box()) > 0.5, hf.box() + " vs " + bf.box());
            BlazeFaceDetectorTest.assertPlausible(hf, frame, "Haar");
            assertEquals(1f, hf.score());
        }
    }

    @Test
    void blankImageHasNoFace() {
        try (HaarFaceDetector haar = new HaarFaceDetector()) {
            assertTrue(haar.detect(new RgbImage(200, 200, new byte[200 * 200 * 3])).isEmpty());
        }
    }
}
