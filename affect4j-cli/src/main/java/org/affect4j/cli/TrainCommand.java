package org.affect4j.cli;

import me.tongfei.progressbar.ProgressBar;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code affect4j train}: trains a temporal model from an experiment file into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an LSTM or Transformer on frame-aligned store features with R-Drop (METHOD §4).",
                "Writes RUN/config.json, run.json (provenance, status), metrics.csv/.json, learning-curve.png, "
                        + "confusion-matrix.png and checkpoints (best and last). Rerunning an interrupted run resumes it; "
                        + "a finished run is kept unless --overwrite is given."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Experiment file (YAML or JSON).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "Run directory.")
    Path out;

    @Option(names = "--overwrite", description = "Replace a finished run (or any content) in RUN.")
    boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${sys:affect4j.threads:-2}",
            description = "Engine intra-op threads (default: ${DEFAULT-VALUE}, as every command).")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BarListener listener = new BarListener(err);
        Training.Result r;
        try {
            r = Training.run(config, out, listener, new Training.Options(overwrite, threads));
        } finally {
            listener.close();
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "best epoch %d: validation macro-F1 %.4f, accuracy %.4f%n", r.bestEpoch(),
                r.best().macroF1(), r.best().accuracy());
        o.printf(Locale.ROOT, "last epoch %d: validation macro-F1 %.4f%n", r.last().epoch(), r.last().macroF1());
        o.println("run directory: " + r.runDir().toAbsolutePath());
        o.flush();
        return 0;
    }

    /** Progress bar over all steps of the run, showing epoch, running loss and the last validation F1. */
    static final class BarListener implements TrainingListener, AutoCloseable {
        private final PrintWriter err;
        private ProgressBar bar;
        private int epochs;
        private double lastF1 = Double.NaN;

        BarListener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onStart(int firstEpoch, int epochs, int stepsPerEpoch) {
            this.epochs = epochs;
            if (firstEpoch > 1) err.println("affect4j: resuming at epoch " + firstEpoch);
            bar = Progress.bar("train", (long) (epochs - firstEpoch + 1) * stepsPerEpoch, "step");
        }

        @Override
        public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.4f F1 %s", epoch, epochs, loss,
                    Double.isNaN(lastF1) ? "-" : String.format(Locale.ROOT, "%.3f", lastF1)));
        }

        @Override
        public void onEpoch(EpochMetrics m) {
            lastF1 = m.macroF1();
            err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, validation loss %.4f, macro-F1 %.4f, accuracy %.4f (%.0f s)%n",
                    m.epoch(), epochs, m.trainLoss(), m.validationLoss(), m.macroF1(), m.accuracy(), m.seconds());
            err.flush();
        }

        @Override
        public void onWarning(String message) {
            err.println("affect4j: warning: " + message);
            err.flush();
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
