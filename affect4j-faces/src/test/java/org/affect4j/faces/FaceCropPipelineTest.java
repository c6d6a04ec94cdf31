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
