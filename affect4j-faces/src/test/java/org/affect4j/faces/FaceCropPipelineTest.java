package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.affect4j.data.RgbImage;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.data.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both passes over a real clip, a video without faces, crop files, and bad image files. */
class FaceCropPipelineTest {
    private static BlazeFaceDetector detector;

    @BeforeAll
    static void load() {
        detector = FaceTestData.blazeFace(BlazeFaceModel.FRONT_128, 1);
    }

    @AfterAll
    static void close() {
        if (detector != null) detector.close();
    }

    @Test
    void everyFrameOfACremaClipGetsAnAlignedCropAndTheyAreWrittenLikeTheChallenge(@TempDir Path tmp)
            throws IOException {
        Path clip = FaceTestData.cremaClips().get(0);
        FaceCropPipeline pipeline = new FaceCropPipeline(detector, 2);
        PersonTrack track;
        try (FFmpegVideoSource src = FFmpegVideoSource.open(clip)) {
            track = pipeline.track(src, TrackSelection.MAIN);
        }
        assertTrue(track.frameCount() > 40);
        assertTrue(track.foundCount() >= track.frameCount() - 1, track.summary());

        CropWriter writer = new CropWriter(tmp.resolve("cropped_aligned"), "1001_DFA_ANG_XX");
        List<FaceFrame> seen = new ArrayList<>();
        try (FFmpegVideoSource src = FFmpegVideoSource.open(clip)) {
            pipeline.crops(src, track, f -> {
                writer.write(f);
                seen.add(f.valid() ? f : null);
            });
        }
        assertEquals(track.frameCount(), seen.size());
        FaceFrame first = seen.get(0);
        assertEquals(112, first.crop().width());
        assertEquals(112, first.crop().height());
        Path file = tmp.resolve("cropped_aligned/1001_DFA_ANG_XX/00001.jpg");
        assertTrue(Files.isRegularFile(file));
        assertEquals(112, Images.read(file).width());
        assertTrue(writer.exists(track.frameCount() - 1));
        assertEquals("00057.jpg", writer.path(56).getFileName().toString());
        // the aligned crop holds the face: BlazeFace finds it again, centred
        Face again = detector.detect(first.crop()).get(0);
        assertEquals(56, again.box().centerX(), 10);
        assertEquals(60, again.box().centerY(), 12);
    }

    @Test
    void keyFramesAreNeverMoreThanAFifthOfASecondApart() {
        assertEquals(4, FaceCropPipeline.keyStride(4, 30), "a 30 frames/s video keeps its stride");
        assertEquals(4, FaceCropPipeline.keyStride(4, 25));
        assertEquals(6, FaceCropPipeline.keyStride(8, 30), "0.2 s at 30 frames/s");
        assertEquals(4, FaceCropPipeline.keyStride(4, 29.97));
        assertEquals(2, FaceCropPipeline.keyStride(4, 10));
        assertEquals(1, FaceCropPipeline.keyStride(4, 5));
        assertEquals(1, FaceCropPipeline.keyStride(4, 1), "a folder of frames at 1 frame/s: every frame");
        assertEquals(1, FaceCropPipeline.keyStride(1, 60));
        assertEquals(4, FaceCropPipeline.keyStride(4, 0), "an unknown rate keeps the stride");
        assertEquals(4, FaceCropPipeline.keyStride(4, Double.NaN));
    }

    @Test
    void aVideoWithoutAFaceGivesAllFramesInvalidNotAnException() throws IOException {
        byte[] grey = new byte[320 * 240 * 3];
        java.util.Arrays.fill(grey, (byte) 90);
        List<RgbImage> frames = Collections.nCopies(12, new RgbImage(320, 240, grey));
        FaceCropPipeline pipeline = new FaceCropPipeline(detector, 1);
        PersonTrack track = pipeline.track(new ListVideoSource(frames), TrackSelection.RIGHT);
        assertTrue(track.isEmpty());
        assertEquals(12, track.frameCount());
        assertTrue(track.summary().contains("no face found in any of the 12 frames"), track.summary());
        List<FaceFrame> out = new ArrayList<>();
        pipeline.crops(new ListVideoSource(frames), track, out::add);
        assertEquals(12, out.size());
        out.forEach(f -> assertFalse(f.valid()));
        assertFalse(pipeline.cropSingle(frames.get(0)).valid());
    }

    /** The centre {@code fraction} of a picture scaled back to its size (nearest pixel): a tighter face crop. */
    private static RgbImage centre(RgbImage im, double fraction) {
        int w = im.width(), h = im.height();
        double cw = w * fraction, ch = h * fraction, x0 = (w - cw) / 2, y0 = (h - ch) / 2;
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int sy = (int) (y0 + (y + 0.5) * ch / h);
            for (int x = 0; x < w; x++) {
                int sx = (int) (x0 + (x + 0.5) * cw / w);
                System.arraycopy(im.rgb(), (sy * w + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    @Test
    void aStillWithoutAFaceAtTheDetectorsScoreIsSearchedAgainDownToTheStillMinimumOnly() throws IOException {
        FaceCropPipeline plain = new FaceCropPipeline(detector, new FaceAligner(), new TrackSelector(), 1, 1, 0);
        FaceCropPipeline lenient = new FaceCropPipeline(detector, new FaceAligner(), new TrackSelector(), 1, 1, 0.3);
        int missed = 0, recovered = 0;
        for (Path p : FaceTestData.ferTestPictures(10)) {
            RgbImage tight = centre(Images.read(p), 0.7);
            FaceFrame a = plain.cropSingle(tight), b = lenient.cropSingle(tight);
            if (a.valid()) {
                assertEquals(a.face(), b.face(), p + ": a face found at the detector's score is the same face");
            } else {
                missed++;
                if (b.valid()) recovered++;
            }
        }
        assertTrue(missed > 0, "some tight crops have no face at the detector's own score");
        assertTrue(recovered > 0, "the further search finds some of them: " + recovered + " of " + missed);
        byte[] grey = new byte[48 * 48 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        assertFalse(lenient.cropSingle(new RgbImage(48, 48, grey)).valid(), "a blank picture has no face at any score");
        assertThrows(IllegalArgumentException.class,
                () -> new FaceCropPipeline(detector, new FaceAligner(), new TrackSelector(), 1, 1, 1.0));
    }

    @Test
    void aCorruptImageFileIsAClearIllegalArgument(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("broken.jpg");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.read(bad));
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    }

    @Test
    void badCropNamesAreRejected(@TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> new CropWriter(tmp, "a/b"));
        assertThrows(IllegalArgumentException.class, () -> new CropWriter(tmp, "v").path(-1));
    }
}
