package org.affect4j.cli;

import org.affect4j.data.ExprClass;
import org.affect4j.data.LabelFill;
import org.affect4j.data.PredictionFormat;
import org.affect4j.media.MediaException;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.predict.ExpressionModel;
import org.affect4j.predict.ExpressionModels;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.Predictor;
import org.affect4j.predict.report.ReportFiles;
import org.affect4j.predict.report.TrackSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code affect4j predict}: any video to a per-frame expression track, a timeline plot and a report. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the facial expression of every frame of a video (or audio file, image, folder of frames).",
                "Writes frames.csv, <name>.txt (ABAW format), timeline.png and report.html into the output folder.",
                "With no INPUT it runs on the shipped example clip examples/1001_DFA_HAP_XX.flv."})
final class PredictCommand implements Callable<Integer> {
    static final String EXAMPLE = "examples/1001_DFA_HAP_XX.flv";

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "Video, audio file, image or folder of frames.")
    Path input;

    @Option(names = "--model", defaultValue = ExpressionModels.DEFAULT,
            description = "'default' (shipped), a training run directory, or a model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--out", description = "Output folder (default: out/<input name>).")
    Path out;

    @Option(names = "--smoothing", defaultValue = "0", description = "Extra box smoothing in frames for run models (default: off).")
    int smoothing;

    @Option(names = "--fps", defaultValue = "0", description = "Frame rate of a folder-of-frames input (taken from its video).")
    double fps;

    @Option(names = "--threads", defaultValue = "${sys:affect4j.threads:-2}", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path in = input != null ? input : example();
        List<MediaInput> inputs = MediaInput.resolve(in);
        if (inputs.size() != 1) {
            throw new MediaException(in + " holds " + inputs.size() + " inputs; predict takes one video, audio file, image or frame folder");
        }
        MediaInput media = inputs.get(0);
        Path outDir = out != null ? out : Path.of("out", media.name());
        ReportFiles.checkOutput(outDir);
        PrintWriter stdout = spec.commandLine().getOut();
        try (ExpressionModel m = ExpressionModels.load(model, smoothing, checkpoints.choice(spec));
             ProgressListener bar = new ProgressListener(media.name(), spec.commandLine().getErr())) {
            ExpressionTrack track = new Predictor(m, threads, fps).predict(media, bar, t -> ReportFiles.writeAll(t, outDir));
            bar.close();
            stdout.println(summary(track, outDir));
            LabelFill fill = LabelFill.of(track.predictions());
            if (fill.fallback()) { // the whole input without a label: said on stderr, the summary names no class
                PrintWriter err = spec.commandLine().getErr();
                err.println("affect4j: warning: " + fill.note(track.name() + PredictionFormat.EXTENSION));
                err.flush();
            }
        }
        stdout.flush();
        return 0;
    }

    /** The shipped example, found beside the launcher (affect4j.root) or in the working directory. */
    private static Path example() {
        String root = System.getProperty("affect4j.root", ".");
        Path p = Path.of(root).resolve(EXAMPLE);
        if (!Files.isRegularFile(p)) throw new MediaException("no INPUT given and the example clip " + p + " is missing");
        return p;
    }

    private static String summary(ExpressionTrack t, Path outDir) {
        TrackSummary s = TrackSummary.of(t);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d frames, %.2f s, %s%n", t.name(), t.frames(), s.durationSeconds(), t.modalities()));
        sb.append("dominant expression: ").append(s.dominant().describe())
                .append(s.dominant().isEmpty() ? "" : " (of labelled frames)").append(String.format("%n"));
        sb.append("shares of labelled frames:");
        for (int c = 0; c < ExprClass.COUNT; c++) {
            if (s.count(c) > 0) sb.append(String.format(Locale.ROOT, " %s %.0f%%", ExprClass.of(c).displayName(), 100 * s.share(c)));
        }
        if (s.labelled() == 0) sb.append(" none");
        sb.append(String.format(Locale.ROOT, "%nface found in %.0f%% of frames, speech in %.0f%%%n", 100 * s.faceShare(), 100 * s.speechShare()));
        if (s.unlabelled() > 0) {
            sb.append(String.format(Locale.ROOT, "no label in %d frames (%.0f%%): neither a face nor speech%n",
                    s.unlabelled(), 100 * s.unlabelledShare()));
            LabelFill fill = LabelFill.of(t.predictions());
            if (!fill.fallback()) sb.append(fill.note(t.name() + PredictionFormat.EXTENSION)).append(String.format("%n"));
        }
        sb.append("wrote ").append(outDir.resolve(ReportFiles.FRAMES_CSV)).append(", ")
                .append(outDir.resolve(ReportFiles.TIMELINE_PNG)).append(", ").append(outDir.resolve(ReportFiles.REPORT_HTML));
        return sb.toString();
    }
}
