package org.affect4j.predict;

import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.data.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The public entry point: clips, several at once, per-frame callbacks and pictures in memory. */
class ExpressionRecognizerTest {
    @TempDir
    Path tmp;

    private static Path example(String name) {
        Path p = Path.of(System.getProperty("affect4j.root", "..")).resolve("examples").resolve(name);
        assumeTrue(Files.isRegularFile(p), "example clip not found at " + p);
        return p;
    }

    @Test
    void aClipTwiceInParallelAndAPicture() throws Exception {
        Path hap = example("1001_DFA_HAP_XX.flv"), ang = example("1001_DFA_ANG_XX.flv");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).parallelInputs(2).build()) {
            ExpressionTrack t = r.predict(hap);
            assertEquals("face+voice", t.modalities());
            assertEquals(56, t.frames());
            // face details of every frame with a face: a score, six key points inside the box's neighbourhood
            for (int i = 0; i < t.frames(); i++) {
                assertTrue(t.faceFound()[i]);
                assertTrue(t.faceDetails().scores()[i] > 0.5f, "score of frame " + i);
                // faces are counted on key frames (the detector runs on every faceEvery-th frame), unknown between
                int every = r.model().faceEvery();
                assertEquals(i % every == 0, t.faceDetails().faces()[i] >= 1, "faces found in frame " + i);
                if (i % every != 0) assertEquals(-1, t.faceDetails().faces()[i]);
                float[] kp = t.faceDetails().keypoints()[i], box = t.faceBoxes()[i];
                assertNotNull(kp);
                assertTrue(kp[0] > box[0] && kp[0] < box[0] + box[2], "right eye inside the box");
            }
            // the crops of the report exist while the recognizer is open
            assertTrue(!t.cropSamples().isEmpty() && t.cropSamples().stream().allMatch(Files::isRegularFile));

            // two inputs at once on two workers: each the same as alone (one networks set each, nothing shared)
            ExpressionTrack angry;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<ExpressionTrack> a = pool.submit(() -> r.predict(hap)), b = pool.submit(() -> r.predict(ang));
                assertEquals(t.predictions(), a.get().predictions());
                angry = b.get();
                assertEquals(67, angry.frames());
            } finally {
                pool.shutdownNow();
            }

            List<FrameExpression> seen = new ArrayList<>();
            assertEquals(67, r.forEachFrame(ang, seen::add));
            assertEquals(67, seen.size());
            assertEquals(10, seen.get(10).index());
            assertEquals(angry.predictions().label(10), seen.get(10).label());
            assertArrayEquals(angry.frame(10).probabilities(), seen.get(10).probabilities(), 0);

            // a picture in memory gives what the same picture as a file gives
            BufferedImage img;
            try (FFmpegVideoSource v = FFmpegVideoSource.open(hap)) {
                img = Images.toBufferedImage(v.next().image());
            }
            Path png = tmp.resolve("frame.png");
            ImageIO.write(img, "png", png.toFile());
            FrameExpression one = r.predict(img);
            ExpressionTrack file = r.predict(png);
            assertEquals(file.predictions().label(0), one.label());
            assertArrayEquals(file.predictions().probabilities(0), one.probabilities(), 0);
            assertTrue(one.face());
            assertTrue(one.label() >= 0, "a face, so a label");
        }
    }

    @Test
    void aFolderOfSeveralInputsIsRefusedWithOneMessage() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(dir.resolve("a.mp4"), "x");
        Files.writeString(dir.resolve("b.mp4"), "x");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.predict(dir));
            assertTrue(e.getMessage().contains("holds 2 inputs"), e.getMessage());
        }
    }
}
