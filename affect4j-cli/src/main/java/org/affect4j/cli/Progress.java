package org.affect4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr (results go to stdout): a live bar on a terminal; when stderr is redirected, a plain line
 * every few seconds instead of carriage-return noise in log files.
 */
final class Progress {
    private static final long LOG_EVERY_MS = 5_000;

    private Progress() {
    }

    /** A bar of {@code total} steps (-1: unknown) named {@code task}. */
    static ProgressBar bar(String task, long total, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed();
        if (System.console() != null) {
            return b.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).build();
        }
        long[] last = {0};
        return b.setUpdateIntervalMillis(1000).setConsumer(new DelegatingProgressBarConsumer(line -> {
            long now = System.currentTimeMillis();
            if (now - last[0] >= LOG_EVERY_MS) {
                last[0] = now;
                System.err.println(line.strip());
            }
        })).build();
    }
}
