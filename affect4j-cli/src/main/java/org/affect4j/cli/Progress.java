package org.affect4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress on stderr (results go to stdout): a live bar when stderr is a terminal; when it is redirected (a log
 * file, a pipe, CI), plain lines every few seconds instead of carriage-return noise.
 */
final class Progress {
    /** Seconds between two progress lines when stderr is not a terminal. */
    static final long LOG_EVERY_MS = 5_000;
    private static final boolean TERMINAL = detectTerminal();

    private Progress() {
    }

    /** True when stderr is a terminal: a live bar can redraw itself there. */
    static boolean stderrIsTerminal() {
        return TERMINAL;
    }

    /**
     * Java 17 cannot ask whether stderr is a terminal ({@code System.console()} looks at stdin and stdout), so on
     * Linux we read where file descriptor 2 points; elsewhere we fall back to the console. {@code TERM=dumb} (Emacs
     * shells, some CI) never gets a bar.
     */
    private static boolean detectTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) return false;
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }

    /** A bar of {@code total} steps (-1: unknown) named {@code task}. */
    static ProgressBar bar(String task, long total, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed();
        if (stderrIsTerminal()) {
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

    /** "56/56 frames in 1.9 s, 30 frames/s" ({@code total} -1 when unknown: "56 frames in ..."). */
    static String rate(long done, long total, String unit, long nanos) {
        double s = nanos / 1e9;
        String count = total > 0 ? done + "/" + total : Long.toString(done);
        return String.format(Locale.ROOT, "%s %s in %.1f s, %s %s/s", count, unit, s, perSecond(done, s), unit);
    }

    private static String perSecond(long n, double seconds) {
        if (!(seconds > 0)) return "-";
        double r = n / seconds;
        return r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r);
    }
}
