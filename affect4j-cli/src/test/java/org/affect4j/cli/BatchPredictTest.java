package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code predict} over several inputs: one folder each, summary.csv, a bad file not stopping the others, resume. */
class BatchPredictTest {
    @TempDir
    Path tmp;

    @Test
    void manyInputsOneSummaryABadFileAndAResume() throws Exception {
        Path examples = Path.of(System.getProperty("affect4j.root", "..")).resolve("examples");
        Path hap = examples.resolve("1001_DFA_HAP_XX.flv"), ang = examples.resolve("1001_DFA_ANG_XX.flv");
        assumeTrue(Files.isRegularFile(hap) && Files.isRegularFile(ang), "example clips not found in " + examples);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(hap, in.resolve(hap.getFileName()));
        Files.writeString(in.resolve("broken.mp4"), "not a video\n".repeat(40));
        Path out = tmp.resolve("out");

        // a folder and a file: three inputs, two workers
        CommandRun r = CommandRun.of("predict", in.toString(), ang.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(1, r.exit(), "some input failed: " + r);
        assertTrue(r.out().contains("2 ok, 0 skipped, 1 failed"), r.toString());
        assertTrue(r.err().contains("affect4j: error: " + in.resolve("broken.mp4")), r.toString());
        assertTrue(r.err().contains("affect4j: 1001_DFA_HAP_XX: 56/56 frames in "), "per-file progress: " + r);
        assertTrue(r.err().contains("affect4j: 3/3 inputs done (1 failed, 0 skipped): 123 frames in "), "overall: " + r);
        for (String name : List.of("1001_DFA_HAP_XX", "1001_DFA_ANG_XX")) {
            assertTrue(Files.isRegularFile(out.resolve(name).resolve("report.html")), name);
            assertTrue(Files.readAllLines(out.resolve(name).resolve("frames.csv")).size() > 50, name);
        }
        assertFalse(Files.exists(out.resolve("broken")), "nothing written for the bad file");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(BatchPredict.HEADER, summary.get(0));
        assertEquals(4, summary.size(), String.join("\n", summary));
        // rows in input order: the folder's entries (sorted), then the file
        String[] hapRow = summary.get(1).split(",", -1), badRow = summary.get(2).split(",", -1), angRow = summary.get(3).split(",", -1);
        assertEquals(List.of("1001_DFA_HAP_XX", "ok"), List.of(hapRow).subList(0, 2));
        assertEquals("56", hapRow[3]);
        assertEquals(19, hapRow.length);
        assertEquals(List.of("broken", "failed"), List.of(badRow).subList(0, 2));
        assertTrue(summary.get(2).contains("not a readable media file"), summary.get(2));
        assertEquals(List.of("1001_DFA_ANG_XX", "ok", ang.toString(), "67"), List.of(angRow).subList(0, 4));
        assertEquals("1.0000", angRow[15], "face in every frame");

        // a rerun skips the complete folders and keeps their rows
        FileTime written = Files.getLastModifiedTime(out.resolve("1001_DFA_HAP_XX/report.html"));
        CommandRun again = CommandRun.of("predict", in.toString(), ang.toString(), "--out", out.toString());
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.out().contains("0 ok, 2 skipped, 1 failed"), again.toString());
        assertEquals(written, Files.getLastModifiedTime(out.resolve("1001_DFA_HAP_XX/report.html")), "not redone");
        List<String> resumed = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(summary.get(1).replace(",ok,", ",skipped,"), resumed.get(1), "the earlier figures kept");

        // a run naming other inputs (as xargs splits a long list) keeps the complete rows of the earlier ones after its own
        Path more = Files.createDirectories(tmp.resolve("more"));
        Files.copy(hap, more.resolve("second.flv"));
        Files.delete(out.resolve("1001_DFA_ANG_XX/report.html")); // no longer complete: its row goes
        CommandRun part = CommandRun.of("predict", more.toString(), "--out", out.toString());
        assertEquals(0, part.exit(), part.toString());
        assertTrue(part.out().contains("1 ok, 0 skipped, 0 failed, 1 rows of earlier runs kept"), part.toString());
        List<String> gathered = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, gathered.size(), String.join("\n", gathered));
        assertTrue(gathered.get(1).startsWith("second,ok,"), gathered.get(1));
        assertEquals(resumed.get(1), gathered.get(2), "the earlier row as it was");

        // one file into a batch's folder joins the batch instead of writing a single input's files beside the folders
        CommandRun last = CommandRun.of("predict", ang.toString(), "--out", out.toString());
        assertEquals(0, last.exit(), last.toString());
        assertFalse(Files.exists(out.resolve("frames.csv")), "no single-input layout in a batch's folder");
        assertTrue(Files.isRegularFile(out.resolve("1001_DFA_ANG_XX/report.html")));
        List<String> all = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(List.of("1001_DFA_ANG_XX", "second", "1001_DFA_HAP_XX"),
                all.subList(1, all.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
    }

    @Test
    void twoInputsOfOneNameAreRefusedBeforeAnyWork() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("clip.mp4"), "x");
        Files.writeString(b.resolve("clip.mp4"), "x");
        CommandRun r = CommandRun.of("predict", a.resolve("clip.mp4").toString(), b.resolve("clip.mp4").toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().startsWith("affect4j: error: two inputs are named 'clip'"), r.toString());
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
