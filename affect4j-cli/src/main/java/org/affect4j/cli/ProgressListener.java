package org.affect4j.cli;

import me.tongfei.progressbar.ProgressBar;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.MediaInput;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Shows an extraction's progress on stderr. On a terminal: a bar over the frames of the visual pass (when their
 * number is known). Elsewhere, or when asked for lines (several inputs at once): a start line, a line every
 * {@link Progress#LOG_EVERY_MS} ms, and always a final line ({@code clip: 56/56 frames in 1.9 s, 30 frames/s}).
 * Each note of the pipeline is one stderr line. {@link #finish()} after success; closing twice is harmless.
 */
final class ProgressListener implements ExtractionListener, AutoCloseable {
    private final String name;
    private final PrintWriter err;
    private final boolean lines;
    private final LongSupplier clock;
    private ProgressBar bar;
    private long start = -1, lastLine, done;
    private int total = -1;
    private boolean closed;

    /** Progress of one input: a bar on a terminal, lines elsewhere. */
    ProgressListener(String name, PrintWriter err) {
        this(name, err, !Progress.stderrIsTerminal(), System::nanoTime);
    }

    /**
     * @param lines true for plain lines whatever stderr is
     * @param clock nanoseconds (a seam for tests)
     */
    ProgressListener(String name, PrintWriter err, boolean lines, LongSupplier clock) {
        this.name = name;
        this.err = err;
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public void started(MediaInput input, int frames) {
        start = clock.getAsLong();
        lastLine = start;
        total = frames;
        if (lines) {
            line(frames > 0 ? "started, " + frames + " frames" : "started");
        } else if (frames > 0) {
            bar = Progress.bar(name, frames, "frames");
        }
    }

    @Override
    public void framesDone(int n) {
        done += n;
        if (bar != null) bar.stepBy(n);
        if (lines && start >= 0) {
            long now = clock.getAsLong();
            if (now - lastLine >= Progress.LOG_EVERY_MS * 1_000_000) {
                lastLine = now;
                line(Progress.rate(done, total, "frames", now - start));
            }
        }
    }

    @Override
    public void note(String message) {
        err.println("affect4j: " + message);
        err.flush();
    }

    /** Frames done so far. */
    long frames() {
        return done;
    }

    private void line(String what) {
        err.println("affect4j: " + name + ": " + what);
        err.flush();
    }

    /** Ends the bar; after a failure the error line follows it, so no final progress line is printed. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Ends the bar and prints the final line ("56/56 frames in 1.9 s, 30 frames/s"), once, if the work started. */
    void finish() {
        close();
        if (closed) return;
        closed = true;
        if (start >= 0) {
            long nanos = clock.getAsLong() - start;
            line(done > 0 ? Progress.rate(done, total, "frames", nanos)
                    : String.format(java.util.Locale.ROOT, "done in %.1f s", nanos / 1e9));
        }
    }
}
