package org.affect4j.cli;

import org.affect4j.data.ExprClass;
import org.affect4j.predict.ExpressionModel;
import org.affect4j.predict.FrameExpression;
import org.affect4j.predict.LiveRecognizer;
import org.affect4j.predict.report.ReportFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code affect4j predict --live SOURCE}: one row per frame on stdout as soon as it is decided (JSON lines or CSV,
 * with its latency), the report files when the source ends or on Ctrl-C, and what it kept up with on stderr.
 */
final class LivePredict {
    static final String CSV_HEADER = "frame,time_s,face_found,face_score,"
            + ExprClass.names().stream().map(n -> "p_" + n.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","))
            + ",label,label_name,speech,"
            + ExprClass.names().stream().map(n -> "voice_p_" + n.toLowerCase(Locale.ROOT)).collect(Collectors.joining(","))
            + ",latency_ms,lag_ms";

    private LivePredict() {
    }

    static int run(String source, ExpressionModel model, int threads, String detector, int faceEvery, Path out, boolean csv,
                   PrintWriter stdout, PrintWriter err) throws Exception {
        ReportFiles.checkOutput(out);
        org.affect4j.media.FFmpegVideoSource.requireLiveDevice(source); // before the "reading" line
        // Ctrl-C: the hook asks the loop to stop and waits (bounded) until the report is written
        CountDownLatch finished = new CountDownLatch(1);
        boolean[] stop = {false};
        Thread hook = new Thread(() -> {
            synchronized (stop) {
                stop[0] = true;
            }
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "affect4j-live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LiveRecognizer live = new LiveRecognizer(model, threads, detector, faceEvery)) {
            err.println("affect4j: live: reading " + ("-".equals(source) ? "standard input" : source)
                    + " (face and, when it has sound, voice; causal smoothing); Ctrl-C ends it and writes the report");
            err.flush();
            if (csv) stdout.println(CSV_HEADER);
            live.run(source, f -> {
                stdout.println(csv ? csvRow(f) : jsonRow(f));
                stdout.flush();
            }, () -> {
                synchronized (stop) {
                    return stop[0];
                }
            }, t -> ReportFiles.writeAll(t, out));
            err.println("affect4j: live: " + live.stats().describe());
            err.println("affect4j: live: wrote " + out.resolve(ReportFiles.FRAMES_CSV) + ", "
                    + out.resolve(ReportFiles.REPORT_HTML));
            err.flush();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and now returns
            }
        }
        return 0;
    }

    static String jsonRow(LiveRecognizer.LiveFrame lf) {
        FrameExpression f = lf.frame();
        StringBuilder sb = new StringBuilder(200);
        sb.append("{\"frame\":").append(f.index() + 1)
                .append(",\"time_s\":").append(fixed(f.timeSeconds(), 3))
                .append(",\"face\":").append(f.face());
        if (f.face() && !Float.isNaN(f.faceScore())) sb.append(",\"face_score\":").append(fixed(f.faceScore(), 4));
        sb.append(",\"label\":").append(f.label());
        if (f.label() >= 0) {
            sb.append(",\"label_name\":\"").append(f.labelName()).append('"');
            if (f.probabilities() != null) {
                sb.append(",\"p\":[");
                for (int c = 0; c < ExprClass.COUNT; c++) sb.append(c > 0 ? "," : "").append(fixed(f.probabilities()[c], 6));
                sb.append(']');
            }
        }
        sb.append(",\"speech\":").append(f.speech());
        if (lf.voice() != null) {
            sb.append(",\"voice_p\":[");
            for (int c = 0; c < ExprClass.COUNT; c++) sb.append(c > 0 ? "," : "").append(fixed(lf.voice()[c], 6));
            sb.append(']');
        }
        sb.append(",\"latency_ms\":").append(fixed(lf.latencyMs(), 1))
                .append(",\"lag_ms\":").append(fixed(lf.lagMs(), 1)).append('}');
        return sb.toString();
    }

    static String csvRow(LiveRecognizer.LiveFrame lf) {
        FrameExpression f = lf.frame();
        StringBuilder sb = new StringBuilder(160);
        sb.append(f.index() + 1).append(',').append(fixed(f.timeSeconds(), 3)).append(',').append(f.face() ? 1 : 0).append(',');
        if (f.face() && !Float.isNaN(f.faceScore())) sb.append(fixed(f.faceScore(), 4));
        for (int c = 0; c < ExprClass.COUNT; c++) {
            sb.append(',');
            if (f.probabilities() != null) sb.append(fixed(f.probabilities()[c], 6));
        }
        sb.append(',').append(f.label()).append(',').append(f.labelName()).append(',').append(f.speech() ? 1 : 0);
        for (int c = 0; c < ExprClass.COUNT; c++) {
            sb.append(',');
            if (lf.voice() != null) sb.append(fixed(lf.voice()[c], 6));
        }
        sb.append(',').append(fixed(lf.latencyMs(), 1)).append(',').append(fixed(lf.lagMs(), 1));
        return sb.toString();
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
