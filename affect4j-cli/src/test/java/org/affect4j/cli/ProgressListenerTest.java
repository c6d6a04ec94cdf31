package org.affect4j.cli;

import org.affect4j.pipeline.MediaInput;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressListenerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void withoutTerminalAStartLinePeriodicLinesAndAlwaysAFinalLine() {
        StringWriter text = new StringWriter();
        long[] now = {0};
        ProgressListener p = new ProgressListener("clip", new PrintWriter(text, true), true, () -> now[0]);
        p.started(new MediaInput("clip", MediaInput.Kind.VIDEO, Path.of("clip.mp4")), 56);
        now[0] = 2 * SECOND;
        p.framesDone(20); // too soon for a line
        now[0] = 6 * SECOND;
        p.framesDone(20);
        now[0] = 7 * SECOND;
        p.framesDone(16);
        p.finish();
        p.finish(); // once only
        assertEquals(List.of("affect4j: clip: started, 56 frames",
                "affect4j: clip: 40/56 frames in 6.0 s, 6.67 frames/s",
                "affect4j: clip: 56/56 frames in 7.0 s, 8.00 frames/s"), text.toString().lines().toList());
    }

    @Test
    void aFailureEndsWithoutTheFinalLine() {
        StringWriter text = new StringWriter();
        ProgressListener p = new ProgressListener("clip", new PrintWriter(text, true), true, () -> 0);
        p.started(new MediaInput("clip", MediaInput.Kind.AUDIO, Path.of("clip.wav")), -1);
        p.close();
        assertEquals(List.of("affect4j: clip: started"), text.toString().lines().toList());
    }

    @Test
    void rateLineOfTheIssue() {
        assertEquals("56/56 frames in 1.9 s, 30 frames/s", Progress.rate(56, 56, "frames", (long) (1.87 * SECOND)));
    }
}
