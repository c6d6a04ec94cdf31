package org.affect4j.predict.report;

import org.affect4j.predict.ExpressionTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ReportFilesTest {
    @TempDir
    Path tmp;

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAllFourIntoANewDirectoryAndLeavesNoWorkingDirectory() throws Exception {
        Path out = tmp.resolve("runs/clip");
        ReportFiles.Written w = ReportFiles.writeAll(Tracks.withFaceGaps(300), out);
        assertEquals(List.of("clip.txt", "frames.csv", "report.html", "timeline.png"), list(out));
        assertEquals(List.of("clip"), list(tmp.resolve("runs")), "the working directory became the output");
        assertEquals(out.toAbsolutePath().resolve("report.html"), w.report());
        List<String> abaw = Files.readAllLines(w.predictions());
        assertEquals("image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other", abaw.get(0));
        assertEquals("clip/00001.jpg,4", abaw.get(1));
        assertEquals("clip/00300.jpg,5", abaw.get(300));
        assertEquals(301, abaw.size());
        assertEquals(301, Files.readAllLines(w.framesCsv()).size());
        BufferedImage png = ImageIO.read(w.timeline().toFile());
        assertEquals(ReportFiles.TIMELINE_WIDTH, png.getWidth());
        assertEquals(ReportFiles.TIMELINE_HEIGHT, png.getHeight());
        HtmlReportTest.assertSelfContained(Files.readString(w.report()));
        // modes as the user's umask gives them, not the owner-only ones of temporary files
        Path plainDir = Files.createDirectory(tmp.resolve("plain")), plainFile = Files.createFile(plainDir.resolve("f"));
        assertEquals(Files.getPosixFilePermissions(plainDir), Files.getPosixFilePermissions(out));
        for (Path p : w.all()) assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(p), p.toString());
    }

    @Test
    void replacesItsOwnFilesInAnExistingDirectoryAndKeepsOthers() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.md"), "mine");
        Files.writeString(out.resolve("report.html"), "old");
        ReportFiles.writeAll(Tracks.audioOnly(30), out);
        assertEquals(List.of("frames.csv", "notes.md", "report.html", "timeline.png", "voice.txt"), list(out));
        assertEquals("mine", Files.readString(out.resolve("notes.md")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("Voice only"));
        assertEquals(List.of("out"), list(tmp), "no working directory left next to it");
    }

    @Test
    void worksInsideTheDirectoryWhenOnlyItIsWritable() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("shared")), out = Files.createDirectories(parent.resolve("out"));
        ReportFiles.writeAll(Tracks.oneFrame(), out, p -> !p.equals(parent.toAbsolutePath()));
        assertEquals(List.of("frames.csv", "report.html", "single.txt", "timeline.png"), list(out), "no working directory left");
        assertEquals(List.of("out"), list(parent));
    }

    @Test
    void aFailureLeavesNothingInANewOrAnExistingDirectory() throws Exception {
        // frames.csv refuses frame 2's box of 3 numbers half-way through the file
        ExpressionTrack base = Tracks.labelsOnly(1, 2, 1);
        float[][] boxes = {{1, 2, 3, 4}, {1, 2, 3}, {1, 2, 3, 4}};
        ExpressionTrack unlabelled = new ExpressionTrack(base.name(), base.source(), base.fps(), base.predictions(),
                base.faceFound(), boxes, base.speech(), base.modalities(), base.cropSamples(), base.model());
        Path fresh = tmp.resolve("fresh");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFiles.writeAll(unlabelled, fresh));
        assertTrue(e.getMessage().contains("frame 2"), e.getMessage());
        assertEquals(List.of(), list(tmp), "neither the output nor a working directory");

        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("frames.csv"), "old");
        assertThrows(IllegalArgumentException.class, () -> ReportFiles.writeAll(unlabelled, existing));
        assertEquals(List.of("frames.csv"), list(existing));
        assertEquals("old", Files.readString(existing.resolve("frames.csv")));
        assertEquals(List.of("existing"), list(tmp));
    }

    @Test
    void refusesAnUnwritableDirectoryInOneLine() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("locked"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.writeAll(Tracks.oneFrame(), out, p -> !p.equals(out.toAbsolutePath())));
        assertEquals("output directory " + out.toAbsolutePath() + " is not writable", e.getMessage());
        assertEquals(List.of(), list(out));
        assertEquals(List.of("locked"), list(tmp));

        Path below = out.resolve("a/b");
        e = assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.writeAll(Tracks.oneFrame(), below, p -> !p.equals(out.toAbsolutePath())));
        assertTrue(e.getMessage().startsWith("cannot create output directory " + below.toAbsolutePath()), e.getMessage());
        assertFalse(Files.exists(out.resolve("a")));
    }

    @Test
    void refusesADirectoryWithoutWritePermission() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("readonly"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(out), "root writes anywhere; the seam test above covers the check");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReportFiles.writeAll(Tracks.oneFrame(), out));
            assertTrue(e.getMessage().endsWith("is not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void refusesAFileAsOutputAndANameThatCannotNameFiles() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportFiles.writeAll(Tracks.oneFrame(), file));
        assertTrue(e.getMessage().endsWith("exists and is not a directory"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.writeAll(Tracks.renamed(Tracks.oneFrame(), "a,b"), tmp.resolve("o")));
        assertThrows(IllegalArgumentException.class,
                () -> ReportFiles.writeAll(Tracks.renamed(Tracks.oneFrame(), "../up"), tmp.resolve("o")));
        assertEquals(List.of("taken"), list(tmp));
    }

    @Test
    void theAbawFileGivesUnlabelledFramesTheNearestLabelEarlierOnATie() throws Exception {
        double[] anger = {0, 1, 0, 0, 0, 0, 0, 0}, fear = {0, 0, 0, 1, 0, 0, 0, 0};
        // frame 3 (1-based) is as near to frame 2 (Anger) as to frame 4 (Fear): the earlier, Anger; frame 6 is as
        // near to frame 4 (Fear) as to frame 8 (Anger): Fear; frame 1 has only a later labelled frame
        ExpressionTrack t = Tracks.ofRows("fill", null, anger, null, fear, null, null, null, anger);
        Path out = tmp.resolve("out");
        ReportFiles.writeAll(t, out);
        List<String> abaw = Files.readAllLines(out.resolve("fill.txt"));
        assertEquals(9, abaw.size());
        List<String> labels = abaw.stream().skip(1).map(l -> l.substring(l.indexOf(',') + 1)).toList();
        assertEquals(List.of("1", "1", "1", "3", "3", "3", "1", "1"), labels);
        assertEquals("fill/00001.jpg,1", abaw.get(1));
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        assertEquals("-1", csv.get(1).split(",", -1)[16], "frames.csv keeps the frame unlabelled: " + csv.get(1));
    }

    @Test
    void noLabelledFrameAtAllWritesTheNeutralFallback() throws Exception {
        Path out = tmp.resolve("out");
        ReportFiles.writeAll(Tracks.ofRows("none", null, null, null), out);
        assertEquals(List.of("image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other",
                "none/00001.jpg,0", "none/00002.jpg,0", "none/00003.jpg,0"), Files.readAllLines(out.resolve("none.txt")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("fallback label 0 (Neutral)"));
    }
}
