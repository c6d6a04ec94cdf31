package org.affect4j.cli;

import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.util.Images;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PredictCommandTest {
    @TempDir
    Path tmp;

    private static Path example() {
        Path p = Path.of(System.getProperty("affect4j.root", "..")).resolve(PredictCommand.EXAMPLE);
        assumeTrue(Files.isRegularFile(p), "example clip not found at " + p);
        return p;
    }

    @Test
    void exampleClipGivesAllFourOutputs() throws Exception {
        Path out = tmp.resolve("out");
        CommandRun r = CommandRun.of("predict", example().toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("face+voice"), r.out());
        assertTrue(r.out().contains("dominant expression: "), r.out());
        for (String f : List.of("frames.csv", "timeline.png", "report.html", "1001_DFA_HAP_XX.txt")) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        List<String> abaw = Files.readAllLines(out.resolve("1001_DFA_HAP_XX.txt"));
        assertEquals(csv.size(), abaw.size(), "one row per frame in both files");
        assertTrue(abaw.get(0).startsWith("image_location,Neutral"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("1001_DFA_HAP_XX"));
    }

    @Test
    void audioOnlyAndStillImageInputsSayWhichModalityWasUsed() throws Exception {
        Path image = tmp.resolve("frame.png");
        try (FFmpegVideoSource v = FFmpegVideoSource.open(example())) {
            Images.write(v.next().image(), image);
        }
        CommandRun still = CommandRun.of("predict", image.toString(), "--out", tmp.resolve("still").toString());
        assertEquals(0, still.exit(), still.toString());
        assertTrue(still.out().contains("face only"), still.out());

        Path data = Locations.data().orElse(null);
        assumeTrue(data != null && Files.isDirectory(data.resolve("ravdess")), "RAVDESS not found");
        CommandRun voice = CommandRun.of("predict", data.resolve("ravdess/03-01-05-02-01-01-17.flac").toString(),
                "--out", tmp.resolve("voice").toString());
        assertEquals(0, voice.exit(), voice.toString());
        assertTrue(voice.out().contains("voice only"), voice.out());
    }

    @Test
    void badInputGivesOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "not a video\n".repeat(40));
        Path file = Files.writeString(tmp.resolve("plainfile"), "x");
        String[][] cases = {
                {"predict", tmp.resolve("missing.mp4").toString(), "--out", out.toString()},
                {"predict", empty.toString(), "--out", out.toString()},
                {"predict", text.toString(), "--out", out.toString()},
                {"predict", example().toString(), "--model", "nosuchmodel", "--out", out.toString()},
                {"predict", example().toString(), "--out", file.resolve("sub").toString()},
        };
        for (String[] args : cases) {
            CommandRun r = CommandRun.of(args);
            assertEquals(3, r.exit(), r.toString());
            assertTrue(r.err().startsWith("affect4j: error: "), r.toString());
            assertEquals(1, r.err().strip().lines().count(), "exactly one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(out), "nothing written for bad input");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary leftovers");
        }
    }
}
