package org.affect4j.predict.report;

import org.affect4j.data.FramePredictions;
import org.affect4j.predict.ExpressionTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelinePlotTest {
    @TempDir
    Path tmp;

    private BufferedImage writeAndRead(ExpressionTrack track, int width, int height) throws Exception {
        Path png = tmp.resolve("timeline.png");
        TimelinePlot.write(track, png, width, height);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }

    /** Pixels of exactly {@code colour} with x in {@code [fromX, toX)}. */
    private static int count(BufferedImage image, Color colour, int fromX, int toX) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) n++;
        }
        return n;
    }

    @Test
    void warmingUpLeavesThePlotByteForByteTheSame() throws Exception {
        Path png = tmp.resolve("timeline.png");
        TimelinePlot.write(Tracks.withFaceGaps(300), png, ReportFiles.TIMELINE_WIDTH, ReportFiles.TIMELINE_HEIGHT);
        byte[] before = java.nio.file.Files.readAllBytes(png);
        TimelinePlot.warmUp();
        TimelinePlot.write(Tracks.withFaceGaps(300), png, ReportFiles.TIMELINE_WIDTH, ReportFiles.TIMELINE_HEIGHT);
        assertArrayEquals(before, java.nio.file.Files.readAllBytes(png));
    }

    @Test
    void labelStripFollowsTheLabelsOverTime() throws Exception {
        BufferedImage image = writeAndRead(Tracks.withFaceGaps(300), 900, 400);
        Color happiness = ClassColors.color(4), sadness = ClassColors.color(5);
        // the strip is 14 px high; a legend swatch alone is 144 px, so 1000 px of a colour in a third is the strip
        assertTrue(count(image, happiness, 100, 300) > 1000, "Happiness in the first third");
        assertTrue(count(image, sadness, 100, 300) < 200, "no Sadness in the first third");
        assertTrue(count(image, sadness, 650, 880) > 1000, "Sadness in the last third");
        assertTrue(count(image, ClassColors.NO_FACE, 0, 900) > 20_000, "two face gaps shaded");
    }

    @Test
    void theReportsSizeIsWrittenAndNotBlank() throws Exception {
        BufferedImage image = writeAndRead(Tracks.withFaceGaps(300), ReportFiles.TIMELINE_WIDTH, ReportFiles.TIMELINE_HEIGHT);
        int white = count(image, Color.WHITE, 0, image.getWidth());
        assertTrue(white < image.getWidth() * image.getHeight() * 0.9, "more than a tenth of the image is drawn: " + white);
        for (int c : new int[]{0, 4, 5, 7}) {
            assertTrue(count(image, ClassColors.color(c), 0, image.getWidth()) > 500, "class " + c + " drawn");
        }
    }

    @Test
    void oneFrameAndSizes() throws Exception {
        writeAndRead(Tracks.oneFrame(), TimelinePlot.MIN_WIDTH, TimelinePlot.MIN_HEIGHT);
        BufferedImage image = writeAndRead(Tracks.oneFrame(), 1400, 520);
        assertTrue(count(image, ClassColors.color(6), 0, 1400) > 10_000, "the one frame's label fills the strip");
        assertTrue(count(image, ClassColors.NO_FACE, 0, 1400) < 500, "a frame with a face is not shaded");
    }

    @Test
    void audioOnlyIsShadedThroughout() throws Exception {
        BufferedImage image = writeAndRead(Tracks.audioOnly(300), 800, 300);
        assertTrue(count(image, ClassColors.NO_FACE, 0, 800) > 40_000);
    }

    @Test
    void labelsOnlyAndEmptyTracksStillDraw() throws Exception {
        writeAndRead(Tracks.labelsOnly(1, -1, 2), 600, 300);
        ExpressionTrack empty = new ExpressionTrack("empty", Path.of("x"), 30, FramePredictions.ofLabels(new int[0]),
                new boolean[0], new float[0][], new boolean[0], "face only", List.of(), Map.of());
        writeAndRead(empty, 600, 300);
    }

    @Test
    void framesWithoutLabelAreBlank() throws Exception {
        // Anger (speech) in frames [10, 30) of 90: the last two thirds have no label, so no line and no strip colour
        BufferedImage image = writeAndRead(Tracks.withSilence(90), 900, 400);
        Color anger = ClassColors.color(1);
        assertTrue(count(image, anger, 150, 300) > 1000, "Anger's line and strip where there is speech");
        for (int c = 0; c < 8; c++) {
            assertTrue(count(image, ClassColors.color(c), 450, 880) < 200, "no colour of class " + c + " in the silence");
        }
        writeAndRead(Tracks.withSilence(5), 600, 300); // no label anywhere: still draws
    }

    @Test
    void drawsAHundredThousandFrames() {
        int n = 100_000;
        double[] flat = new double[n * 8];
        boolean[] face = new boolean[n], speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = (i / 37) % 8; // labels change every 37 frames: many more runs than pixels
            for (int k = 0; k < 8; k++) flat[i * 8 + k] = k == c ? 0.6 : 0.4 / 7;
            face[i] = i % 1000 < 900;
        }
        ExpressionTrack track = new ExpressionTrack("long", Path.of("long.mp4"), 30, FramePredictions.ofFlatProbabilities(flat),
                face, new float[n][], speech, "face only", List.of(), Map.of());
        // well under a second once Java2D is warm; the bound only catches work growing with frames times pixels
        BufferedImage image = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> writeAndRead(track, 1400, 520));
        for (int c = 0; c < 8; c++) assertTrue(count(image, ClassColors.color(c), 0, 1400) > 500, "class " + c + " in the strip");
    }

    @Test
    void refusesATooSmallImage() {
        assertThrows(IllegalArgumentException.class, () -> TimelinePlot.render(Tracks.oneFrame(), 100, 500));
        assertThrows(IllegalArgumentException.class, () -> TimelinePlot.render(Tracks.oneFrame(), 500, 100));
    }

    @Test
    void binsAndModes() {
        FrameBins many = new FrameBins(10, 4);
        assertArrayEquals(new int[]{0, 2, 5, 7}, new int[]{many.start(0), many.start(1), many.start(2), many.start(3)});
        assertEquals(10, many.end(3));
        FrameBins few = new FrameBins(2, 4); // more bins than frames: each bin shows the frame under its centre
        assertArrayEquals(new int[]{0, 0, 1, 1}, new int[]{few.start(0), few.start(1), few.start(2), few.start(3)});
        assertArrayEquals(new int[]{0, 1}, new FrameBins(6, 2).modes(i -> i == 1 || i == 2 ? 0 : 1, 2));
        assertArrayEquals(new int[]{0}, new FrameBins(2, 1).modes(i -> 1 - i, 2), "a tie goes to the lowest value");
        assertArrayEquals(new int[]{-1}, new FrameBins(0, 1).modes(i -> 0, 1));
    }
}
