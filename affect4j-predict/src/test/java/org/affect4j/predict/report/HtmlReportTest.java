package org.affect4j.predict.report;

import org.affect4j.predict.ExpressionTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    @TempDir
    Path tmp;

    private String write(ExpressionTrack track) throws Exception {
        Path png = tmp.resolve("timeline.png"), html = tmp.resolve("report.html");
        TimelinePlot.write(track, png, 640, 300);
        HtmlReport.write(track, png, html);
        String page = Files.readString(html);
        assertSelfContained(page);
        return page;
    }

    /** No external resource, no script, every image inlined. */
    static void assertSelfContained(String page) {
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        // base64 may spell anything, so only the text around the inlined images is searched for URLs
        String text = page.replaceAll("data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", "data:");
        assertFalse(text.contains("http"), "no URL of any scheme");
        assertFalse(page.contains("src=\"file"));
        assertFalse(page.toLowerCase().contains("<script"));
        assertFalse(page.contains("<link"));
        Matcher src = Pattern.compile("src=\"([^\"]{0,30})").matcher(page);
        int images = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/"), src.group(1));
            images++;
        }
        assertTrue(images >= 1, "the timeline is inlined");
    }

    @Test
    void summarySharesAndModel() throws Exception {
        String page = write(Tracks.withFaceGaps(300));
        assertTrue(page.contains("<title>affect4j: clip</title>"));
        assertTrue(page.contains("<h1>Facial expressions in clip</h1>"));
        assertTrue(page.contains("12.0 s"), "duration of 300 frames at 25 fps");
        assertTrue(page.contains("<th>Frames</th><td>300</td>"));
        assertTrue(page.contains("25 frames per second"));
        // 100 frames each of Happiness, Neutral, Sadness: a three-way tie, said as such
        assertTrue(page.matches("(?s).*Dominant expression</th><td>(<span[^>]*></span>){3}"
                + "tie: Neutral / Happiness / Sadness, 33 % each \\(of labelled frames\\)</td>.*"), page);
        assertFalse(page.contains("No label"), "every frame has a label");
        assertFalse(page.contains("<th>ABAW file</th>"), "nothing to fill");
        assertTrue(page.contains("Face and voice"));
        assertTrue(page.contains("83.3% of frames (250 of 300)"), "face found");
        assertTrue(page.contains("33.3% of frames (100 of 300)"), "speech");
        assertTrue(page.contains("Happiness</td><td class=\"num\">100</td><td class=\"num\">33.3%</td>"));
        assertTrue(page.contains("Anger</td><td class=\"num\">0</td><td class=\"num\">0.0%</td>"));
        assertTrue(page.contains("<dt>name</dt><dd>test-model</dd>"));
        assertTrue(page.contains("No face crops were kept"));
    }

    @Test
    void singleModalityIsSaidPlainly() throws Exception {
        String voice = write(Tracks.audioOnly(50));
        assertTrue(voice.contains("Voice only: judged from the voice alone"));
        // nothing was searched for a face: no "Face found 0.0%" row
        assertFalse(voice.contains("<th>Face found</th>"), "a voice-only reading has no face row");
        assertTrue(voice.contains("<th>Speech</th>"));
        assertTrue(voice.contains("The voice alone was read, so there are no face crops."));
        String still = write(Tracks.oneFrame());
        assertTrue(still.contains("Face only: judged from the face alone"));
        assertFalse(still.contains("<th>Speech</th>"), "a face-only reading has no speech row");
    }

    @Test
    void escapesEveryText() throws Exception {
        ExpressionTrack t = Tracks.renamed(Tracks.oneFrame(), "<script>alert('x')</script>&");
        String page = write(t);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
        assertFalse(page.contains("<script>"));
        assertEquals("&lt;b&gt; &quot;q&quot; &amp;amp;", Html.escape("<b> \"q\" &amp;"));
    }

    @Test
    void inlinesAtMostSixCropsWithTheirTimes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("crops"));
        List<Path> crops = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            Path crop = dir.resolve(String.format("%05d.jpg", 1 + 25 * k));
            ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", crop.toFile());
            crops.add(crop);
        }
        crops.add(2, dir.resolve("00002.jpg")); // missing: left out, the report still written
        ExpressionTrack track = Tracks.withCrops(Tracks.withFaceGaps(300), crops);
        String page = write(track);
        assertEquals(6 - 1, count(page, "<figure>"), "9 crops thinned to 6, one of them missing");
        // each crop carries the label predicted for its frame
        assertTrue(page.contains("<figcaption>0.00 s, frame 1: " + labelName(track, 0) + "</figcaption>"), page);
        assertTrue(page.contains("<figcaption>7.00 s, frame 176: " + labelName(track, 175) + "</figcaption>"), "the last crop is kept");
        assertEquals(6, count(page, "data:image/"), "timeline and five crops");
    }

    private static String labelName(ExpressionTrack t, int frame) {
        int label = t.predictions().label(frame);
        return label < 0 ? "no label" : org.affect4j.data.ExprClass.of(label).displayName();
    }

    @Test
    void captionsAndDurations() {
        assertEquals("2.00 s, frame 51", HtmlReport.cropCaption(Path.of("a/00051.jpg"), 25));
        assertEquals("face.png", HtmlReport.cropCaption(Path.of("face.png"), 25));
        assertEquals("8.4 s", HtmlReport.duration(8.44));
        assertEquals("2 min 05.3 s", HtmlReport.duration(125.3));
        assertEquals("1 h 02 min 05.0 s", HtmlReport.duration(3725));
        assertEquals("29.97", HtmlReport.trimmed(30000 / 1001.0, 3));
        assertEquals("30", HtmlReport.trimmed(30, 3));
        assertEquals(List.of(0, 2, 4, 5, 7, 9), HtmlReport.evenlySpaced(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 6));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void framesWithoutLabelAreLeftOutOfTheSharesAndTheFillIsSaid() throws Exception {
        String page = write(Tracks.withSilence(100));
        assertTrue(page.matches("(?s).*Dominant expression</th><td><span[^>]*></span>Anger, 100 % \\(of labelled frames\\).*"));
        assertTrue(page.contains("Anger</td><td class=\"num\">20</td><td class=\"num\">100.0%</td>"), "share of labelled frames");
        assertTrue(page.contains("<th>No label</th><td>80.0% of frames (80 of 100): neither a face nor speech"));
        assertTrue(page.contains("Not counted: 80 frames without a label (80.0% of all frames)."));
        assertTrue(page.contains("<th>ABAW file</th><td>80 frames without a label (neither a face nor speech) take the label of the nearest "
                + "labelled frame in silent.txt (the earlier one on a tie)"));
    }

    @Test
    void noLabelAnywhereSaysTheFallback() throws Exception {
        String page = write(Tracks.withSilence(8)); // speech would start at frame 10
        assertTrue(page.contains("Dominant expression</th><td>none: no frame has a predicted label"));
        assertTrue(page.contains("<span class=\"note\">no frame has a label (neither a face nor speech was found), so "
                + "silent.txt gives every frame the fallback label 0 (Neutral)</span>"));
    }
}
