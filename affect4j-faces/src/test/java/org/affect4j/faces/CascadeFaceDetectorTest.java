package org.affect4j.faces;

import org.affect4j.data.RgbImage;
import org.affect4j.media.FFmpegVideoSource;
import org.junit.jupiter.api.Test;

import org.affect4j.data.Images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The default detector: the front model's faces where it finds any, the back model's where it does not. */
class CascadeFaceDetectorTest {
    /** A frame of a real clip (480x360, the face ~106 px wide) drawn at {@code scale} on a 1920x1080 backdrop. */
    private static RgbImage personAcrossTheRoom(RgbImage frame, double scale) {
        int w = 1920, h = 1080, fw = (int) (frame.width() * scale), fh = (int) (frame.height() * scale), ox = 700, oy = 300;
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            out[3 * i] = 90;
            out[3 * i + 1] = 110;
            out[3 * i + 2] = 100;
        }
        for (int y = 0; y < fh; y++)
            for (int x = 0; x < fw; x++) {
                int sx = (int) (x / scale), sy = (int) (y / scale);
                System.arraycopy(frame.rgb(), (sy * frame.width() + sx) * 3, out, ((y + oy) * w + x + ox) * 3, 3);
            }
        return new RgbImage(w, h, out);
    }

    private static RgbImage cremaFrame() throws IOException {
        try (FFmpegVideoSource v = FFmpegVideoSource.open(FaceTestData.cremaClips().get(0))) {
            for (int i = 0; i < 20; i++) v.next();
            return v.next().image();
        }
    }

    @Test
    void findsTheSmallFacesTheFrontModelMissesAndLoadsTheBackModelOnlyThen() throws IOException {
        RgbImage frame = cremaFrame();
        AtomicInteger made = new AtomicInteger();
        try (BlazeFaceDetector front = FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1);
             BlazeFaceDetector back = FaceTestData.blazeFace(BlazeFaceModel.BACK_256, 1);
             CascadeFaceDetector cascade = new CascadeFaceDetector(FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1), () -> {
                 made.incrementAndGet();
                 return FaceTestData.blazeFace(BlazeFaceModel.BACK_256, 1);
             })) {
            // a face filling the frame: the front model's answer, the back model never made
            assertEquals(front.detect(frame), cascade.detect(frame));
            assertFalse(cascade.detect(frame).isEmpty());
            assertEquals(0, made.get(), "the back model is not loaded while the front one finds faces");
            // the same person at the size of a 1080p interview: the front model finds nobody, the cascade the back model's face
            for (double scale : new double[] {0.5, 1.0, 1.5}) {
                RgbImage small = personAcrossTheRoom(frame, scale);
                assertTrue(front.detect(small).isEmpty(), "the front model misses a face " + Math.round(106 * scale) + " px wide in 1080p");
                List<Face> found = cascade.detect(small);
                assertEquals(back.detect(small), found);
                assertEquals(1, found.size());
                Face f = found.get(0);
                // the face is where it was drawn: inside the pasted frame, about 106 * scale px wide
                assertTrue(f.box().x() > 700 && f.box().x() + f.box().width() < 700 + 480 * scale, f.box().toString());
                assertEquals(106 * scale, f.box().width(), 30 * scale, f.box().toString());
            }
            assertEquals(1, made.get(), "made once");
            assertTrue(cascade.detect(new RgbImage(640, 480, new byte[640 * 480 * 3])).isEmpty(), "a black picture has no face");
        }
    }

    @Test
    void aStillIsSearchedInEveryFramingByTheFrontModelBeforeTheBackModelIsAsked() {
        try (BlazeFaceDetector front = FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1);
             BlazeFaceDetector back = FaceTestData.blazeFace(BlazeFaceModel.BACK_256, 1);
             CascadeFaceDetector cascade = new CascadeFaceDetector(FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1),
                     () -> FaceTestData.blazeFace(BlazeFaceModel.BACK_256, 1))) {
            FaceCropPipeline frontOnly = new FaceCropPipeline(front, 1), both = new FaceCropPipeline(cascade, 1);
            int onCanvas = 0;
            for (Path p : FaceTestData.ferTestPictures(40)) {
                RgbImage im = Images.read(p);
                if (!front.detect(im).isEmpty()) continue; // the front model finds it as it is: no search
                java.util.Optional<Face> f = frontOnly.trackSingle(im).face(0), c = both.trackSingle(im).face(0);
                if (f.isPresent()) {
                    // the front model on the canvas finds it: the cascade's face, though the back model finds one as it is too
                    assertEquals(f, c, p.toString());
                    if (!back.detect(im).isEmpty()) onCanvas++;
                }
            }
            assertTrue(onCanvas > 0, "FER2013 pictures the back model finds as they are but the front model on the canvas first");
        }
    }

    @Test
    void theDefaultDetectorIsTheCascade() {
        FaceDetectorFactory f = FaceDetectorFactory.ALL.get(FaceDetectors.DEFAULT);
        assertNotNull(f, "the default detector is registered");
        try (FaceDetector d = f.create(1)) {
            assertInstanceOf(CascadeFaceDetector.class, d);
        }
    }
}
