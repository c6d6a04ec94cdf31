package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code predict --live} on a real local stream (FFmpeg sending the example clip over TCP) and on stdin. */
class LivePredictTest {
    private static final Pattern STATS = Pattern.compile("live: (\\d+) frames \\((\\d+) dropped\\)");
    private static final Pattern JSON = Pattern.compile("\\{\"frame\":(\\d+),\"time_s\":[0-9.]+,\"face\":(true|false)"
            + "(,\"face_score\":[0-9.]+)?,\"label\":(-?\\d)(,\"label_name\":\"(\\w+)\",\"p\":\\[[0-9.,]+])?"
            + ",\"speech\":(true|false)(,\"voice_p\":\\[[0-9.,]+])?,\"latency_ms\":([0-9.]+),\"lag_ms\":[0-9.]+}");

    @TempDir
    Path tmp;

    @Test
    void aStreamOnLocalhostGivesRowsAsItPlaysAndAReportAtTheEnd() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = tmp.resolve("sender.log");
        // -Daffect4j.live.loops=N streams the clip N times (the README's longer measurement); 2 in the test run
        int loops = Integer.getInteger("affect4j.live.loops", 2);
        Process sender = StreamSender.spawn(PredictCommandTest.example(), "tcp://127.0.0.1:" + port, loops, log);
        Path out = tmp.resolve("live");
        CommandRun r;
        try {
            r = CommandRun.of("predict", "--live", "tcp://127.0.0.1:" + port + "?listen=1", "--out", out.toString());
            assertTrue(sender.waitFor(60 + 2L * loops, java.util.concurrent.TimeUnit.SECONDS), "the sender ends");
        } finally {
            sender.destroyForcibly();
        }
        String sent = Files.readString(log);
        assertEquals(0, sender.exitValue(), sent);
        assertEquals(0, r.exit(), r.toString());
        System.out.println("LivePredictTest, " + loops + " x the 56-frame example clip at 30 frames/s over TCP: "
                + r.err().lines().filter(l -> l.contains(" dropped)")).findFirst().orElse(""));
        Matcher m = STATS.matcher(r.err());
        assertTrue(m.find(), r.err());
        int frames = Integer.parseInt(m.group(1)), dropped = Integer.parseInt(m.group(2));
        assertTrue(sent.strip().endsWith("sent " + frames), "every frame sent was decoded: " + sent + "\n" + r.err());
        List<String> rows = r.out().lines().toList();
        assertEquals(frames - dropped, rows.size(), "one row per frame not dropped");
        int happy = 0, last = 0, speech = 0, voiced = 0;
        for (String row : rows) {
            Matcher j = JSON.matcher(row);
            assertTrue(j.matches(), row);
            int frame = Integer.parseInt(j.group(1));
            assertTrue(frame > last, "rows in frame order");
            last = frame;
            if ("Happiness".equals(j.group(6))) happy++;
            if ("true".equals(j.group(7))) {
                speech++;
                if (j.group(8) != null) voiced++;
            }
        }
        assertTrue(happy > rows.size() / 2, happy + " of " + rows.size() + " rows Happiness");
        // the clip speaks for most of its length: those rows carry the voice branch's reading
        assertTrue(speech > rows.size() / 3, speech + " of " + rows.size() + " rows speech");
        assertEquals(speech, voiced, "every speech row has voice probabilities");
        List<String> csv = Files.readAllLines(out.resolve("frames.csv"));
        assertEquals(frames + 1, csv.size(), "the report covers every decoded frame");
        assertTrue(Files.readString(out.resolve("report.html")).contains("live"));
    }

    @Test
    void aContainerOnStdinAsCsv() throws Exception {
        InputStream stdin = System.in;
        CommandRun r;
        try (InputStream clip = Files.newInputStream(PredictCommandTest.example())) {
            System.setIn(clip);
            r = CommandRun.of("predict", "--live", "-", "--format", "csv", "--out", tmp.resolve("stdin").toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, r.exit(), r.toString());
        List<String> rows = r.out().lines().toList();
        assertEquals(LivePredict.CSV_HEADER, rows.get(0));
        assertTrue(rows.size() > 1, r.toString());
        int columns = LivePredict.CSV_HEADER.split(",").length, speech = 0;
        assertEquals(25, columns);
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            assertEquals(columns, c.length, row);
            if (c[14].equals("1")) {
                speech++;
                assertTrue(!c[15].isEmpty(), "a speech row carries the voice's probabilities: " + row);
            }
        }
        assertTrue(speech > rows.size() / 3, speech + " of " + rows.size() + " rows speech");
        assertEquals(57, Files.readAllLines(tmp.resolve("stdin/frames.csv")).size(), "56 frames decoded");
    }

    @Test
    void aSourceThatCannotBeOpenedIsOneErrorLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        CommandRun r = CommandRun.of("predict", "--live", "tcp://127.0.0.1:" + port, "--out", tmp.resolve("x").toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("affect4j: error: cannot open the live source tcp://127.0.0.1:")), r.toString());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")));
        CommandRun camera = CommandRun.of("predict", "--live", "/dev/video97", "--out", tmp.resolve("x").toString());
        assertEquals(3, camera.exit(), camera.toString());
        assertEquals("affect4j: error: the live source /dev/video97 does not exist (no such camera device)",
                camera.err().strip(), "one line, no 'reading' line before it");
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
