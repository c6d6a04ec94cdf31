package org.affect4j.cli;

import org.affect4j.data.ExprClass;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.report.ReportFiles;
import org.affect4j.predict.report.TrackSummary;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code affect4j predict A B DIR... --out OUT}: many inputs in one JVM. The networks are loaded once per worker,
 * inputs are spread over the workers (one per thread), and each input gets {@code OUT/<name>/} (the files of a
 * single {@code predict}) and a row of {@code OUT/summary.csv}, rewritten after every input so that a crash keeps
 * the rows of the inputs done. A bad input is reported on stderr and in its row and does not stop the others.
 * Resumable: an input whose folder already holds its report (written last, see {@link ReportFiles}) is skipped.
 * One OUT gathers several runs: the rows of earlier runs' complete inputs that this run does not name are kept after
 * this run's, so inputs given in parts ({@code xargs}, which splits a long list into several commands) get one summary.
 */
final class BatchPredict {
    static final String SUMMARY_CSV = "summary.csv";
    static final String HEADER = "name,status,input,frames,duration_s,dominant,dominant_share,"
            + ExprClass.names().stream().map(n -> "share_" + n.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","))
            + ",face_share,speech_share,seconds,message";
    static final String OK = "ok", SKIPPED = "skipped", FAILED = "failed";

    private final List<MediaInput> inputs;
    private final Path out;
    private final PrintWriter stdout, err;
    /** Summary rows by input name, in input order once written. */
    private final Map<String, String> rows = new HashMap<>();
    /** Complete inputs of earlier runs into this OUT that this run does not name: their rows, in their order. */
    private final Map<String, String> earlier = new java.util.LinkedHashMap<>();
    private int done, failed, skipped;
    private final AtomicLong frames = new AtomicLong();

    BatchPredict(List<MediaInput> inputs, Path out, PrintWriter stdout, PrintWriter err) {
        this.inputs = inputs;
        this.out = out;
        this.stdout = stdout;
        this.err = err;
    }

    /**
     * Predicts every input not yet complete.
     *
     * @return the number of inputs that failed
     */
    int run(ExpressionRecognizer.Builder settings, int threads) throws InterruptedException {
        MediaInput.requireDistinctNames(inputs); // one folder each: refused before any work
        ReportFiles.checkOutput(out);
        Map<String, String> previous = readPrevious();
        java.util.Set<String> named = inputs.stream().map(MediaInput::name).collect(Collectors.toSet());
        previous.forEach((name, row) -> {
            if (!named.contains(name) && Files.isRegularFile(out.resolve(name).resolve(ReportFiles.REPORT_HTML))) earlier.put(name, row);
        });
        List<MediaInput> todo = new ArrayList<>();
        for (MediaInput in : inputs) {
            if (Files.isRegularFile(out.resolve(in.name()).resolve(ReportFiles.REPORT_HTML))) {
                String old = previous.get(in.name());
                rows.put(in.name(), old != null ? withStatus(old, SKIPPED) : row(in, SKIPPED, null, 0, "complete from an earlier run"));
                skipped++;
            } else {
                todo.add(in);
            }
        }
        long start = System.nanoTime();
        err.printf(Locale.ROOT, "affect4j: %d inputs, %d to do (%d complete from an earlier run), %d at a time%n",
                inputs.size(), todo.size(), skipped, Math.max(1, Math.min(threads, todo.size())));
        err.flush();
        writeSummary();
        if (!todo.isEmpty()) {
            int workers = Math.min(threads, todo.size());
            try (ExpressionRecognizer r = settings.threads(threads).parallelInputs(workers).build()) {
                ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
                    Thread t = new Thread(task, "affect4j-batch");
                    t.setDaemon(true);
                    return t;
                });
                try {
                    List<Future<?>> futures = new ArrayList<>();
                    for (MediaInput in : todo) futures.add(pool.submit(() -> one(r, in, start)));
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            throw new IllegalStateException(ErrorHandler.message(e.getCause()), e.getCause());
                        }
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        long nanos = System.nanoTime() - start;
        // files/s counts the inputs predicted in this run; frames/s their frames over the whole wall time
        err.printf(Locale.ROOT, "affect4j: %d/%d inputs done (%d failed, %d skipped): %s, %s files/s%n",
                done, todo.size(), failed, skipped, Progress.rate(frames.get(), -1, "frames", nanos), perSecond(done, nanos));
        err.flush();
        stdout.printf(Locale.ROOT, "wrote %s: %d ok, %d skipped, %d failed%s%n", out.resolve(SUMMARY_CSV),
                done - failed, skipped, failed, earlier.isEmpty() ? "" : ", " + earlier.size() + " rows of earlier runs kept");
        stdout.flush();
        return failed;
    }

    private static String perSecond(int n, long nanos) {
        return nanos > 0 ? String.format(Locale.ROOT, "%.2f", n / (nanos / 1e9)) : "-";
    }

    /** One input, from a worker thread: its folder and its row, whatever happens. */
    private void one(ExpressionRecognizer r, MediaInput in, long batchStart) {
        long start = System.nanoTime();
        ProgressListener progress = new ProgressListener(in.name(), err, true, System::nanoTime);
        String row;
        boolean ok = false;
        try {
            ExpressionTrack track = r.predict(in, progress);
            ReportFiles.writeAll(track, out.resolve(in.name()));
            progress.finish();
            frames.addAndGet(track.frames());
            row = row(in, OK, track, System.nanoTime() - start, "");
            ok = true;
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            // one bad input must not stop the others: it is said here and in its row
            String message = ErrorHandler.message(e);
            synchronized (err) {
                err.println("affect4j: error: " + (message.contains(in.path().toString()) ? message : in.path() + ": " + message));
                err.flush();
            }
            progress.close();
            row = row(in, FAILED, null, System.nanoTime() - start, message);
        }
        synchronized (this) {
            done++;
            if (!ok) failed++;
            rows.put(in.name(), row);
            writeSummary();
            long nanos = System.nanoTime() - batchStart;
            err.printf(Locale.ROOT, "affect4j: [%d/%d inputs] %s %s, %s files/s%n", done + skipped, inputs.size(),
                    in.name(), ok ? OK : FAILED, perSecond(done, nanos));
            err.flush();
        }
    }

    /** Rows of an earlier run's summary, by name (the first column: names never hold a comma). */
    private Map<String, String> readPrevious() {
        Path f = out.resolve(SUMMARY_CSV);
        Map<String, String> previous = new java.util.LinkedHashMap<>();
        if (!Files.isRegularFile(f)) return previous;
        try {
            List<String> lines = Files.readAllLines(f);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) return previous; // another layout: rows recomputed
            for (String l : lines.subList(1, lines.size())) {
                int comma = l.indexOf(',');
                if (comma > 0 && (l.startsWith(OK, comma + 1) || l.startsWith(SKIPPED, comma + 1))) {
                    previous.put(l.substring(0, comma), l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return previous;
    }

    private static String withStatus(String row, String status) {
        int a = row.indexOf(','), b = row.indexOf(',', a + 1);
        return row.substring(0, a + 1) + status + row.substring(b);
    }

    /** The summary in input order, then the earlier runs' rows; inputs not yet done are left out. Written whole, atomically. */
    private synchronized void writeSummary() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (MediaInput in : inputs) {
            String r = rows.get(in.name());
            if (r != null) sb.append(r).append('\n');
        }
        for (String r : earlier.values()) sb.append(r).append('\n');
        AtomicFiles.writeString(out.resolve(SUMMARY_CSV), sb.toString());
    }

    static String row(MediaInput in, String status, ExpressionTrack track, long nanos, String message) {
        List<String> cells = new ArrayList<>();
        cells.add(in.name());
        cells.add(status);
        cells.add(csv(in.path().toString()));
        if (track == null) {
            for (int k = 0; k < 4 + ExprClass.COUNT + 2; k++) cells.add("");
        } else {
            TrackSummary s = TrackSummary.of(track);
            cells.add(Integer.toString(track.frames()));
            cells.add(fixed(s.durationSeconds(), 3));
            cells.add(s.dominant().classes().stream().map(c -> ExprClass.of(c).displayName()).collect(Collectors.joining("/")));
            cells.add(s.dominant().isEmpty() ? "" : fixed(s.dominant().share(), 4));
            for (int c = 0; c < ExprClass.COUNT; c++) cells.add(s.labelled() == 0 ? "" : fixed(s.share(c), 4));
            cells.add(fixed(s.faceShare(), 4));
            cells.add(fixed(s.speechShare(), 4));
        }
        cells.add(nanos > 0 ? fixed(nanos / 1e9, 2) : "");
        cells.add(csv(message));
        return String.join(",", cells);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** RFC 4180 quoting where needed. */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + '"';
    }
}
