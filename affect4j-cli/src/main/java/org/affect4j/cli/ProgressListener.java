package org.affect4j.cli;

import me.tongfei.progressbar.ProgressBar;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.MediaInput;

import java.io.PrintWriter;

/**
 * Shows an extraction's progress: a bar over the frames of the visual pass (when their number is known) and each
 * note of the pipeline as one stderr line. Closing twice is harmless.
 */
final class ProgressListener implements ExtractionListener, AutoCloseable {
    private final String name;
    private final PrintWriter err;
    private ProgressBar bar;

    ProgressListener(String name, PrintWriter err) {
        this.name = name;
        this.err = err;
    }

    @Override
    public void started(MediaInput input, int frames) {
        if (frames > 0) bar = Progress.bar(name, frames, "frames");
    }

    @Override
    public void framesDone(int n) {
        if (bar != null) bar.stepBy(n);
    }

    @Override
    public void note(String message) {
        err.println("affect4j: " + message);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
