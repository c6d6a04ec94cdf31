package org.affect4j.cli;

import org.affect4j.data.ExprClass;
import org.affect4j.data.LabelFill;
import org.affect4j.data.PredictionFormat;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.media.MediaException;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.predict.ExpressionModels;
import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.report.ReportFiles;
import org.affect4j.predict.report.TrackSummary;
import org.affect4j.util.Phases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code affect4j predict}: any video to a per-frame expression track, a timeline plot and a report. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the facial expression of every frame of a video (or audio file, image, folder of frames).",
                "",
                "Writes frames.csv, <name>.txt (ABAW format), timeline.png and report.html into the output folder;"
                        + " <name> is the input's file name without its extension, characters other than letters, digits,"
                        + " . _ + - made _ (two inputs of one name are refused).",
                "",
                "Several inputs (files, or a folder of them) run in one go: OUT/<name>/ for each and OUT/summary.csv;"
                        + " a rerun skips inputs whose folder is complete, and a run into an OUT that holds a summary.csv"
                        + " adds its rows to the earlier runs' complete ones. Exit code 1 when some input failed.",
                "",
                "With no INPUT it runs on the shipped example clip examples/1001_DFA_HAP_XX.flv.",
                ""})
final class PredictCommand implements Callable<Integer> {
    static final String EXAMPLE = "examples/1001_DFA_HAP_XX.flv";

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "Video, audio file, image or folder of frames; several, or a folder of them, for a batch.")
    List<Path> inputs;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = ExpressionModels.DEFAULT,
            description = "'default' (shipped), a training run directory, or a model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<input name>; with several inputs, the folder"
            + " that gets one folder per input and summary.csv, default out).")
    Path out;

    @Option(names = "--smoothing", paramLabel = "FRAMES", defaultValue = "0", description = "Extra box smoothing in frames for run models (default: off).")
    int smoothing;

    @Option(names = "--detector", defaultValue = FaceDetectors.DEFAULT, paramLabel = "NAME",
            description = "Face detector (default: ${DEFAULT-VALUE}, the one the default model was trained with;"
                    + " blazeface skips its second search for small faces, faster on frames without a face);"
                    + " 'affect4j list' shows them all.")
    String detector;

    @Option(names = "--face-every", defaultValue = "0", paramLabel = "N",
            description = "In videos, detect and embed the face on every N-th frame, the frames between interpolated"
                    + " (default: the model's; 4 for the default model, 1 for run models; key frames never more than"
                    + " 0.2 s apart). 1 is the slowest and closest reading; more is faster.")
    int faceEvery;

    @Mixin
    WorkerOptions workers;

    @Option(names = "--live", paramLabel = "SOURCE", description = {"Predict a live source as it plays: a camera"
            + " (/dev/video0), a stream URL (rtsp://, http://, udp://, tcp://) or - (a container on stdin). One row per"
            + " frame on stdout as soon as it is decided; the report into --out (default out/live) when the source ends"
            + " or on Ctrl-C."})
    String live;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "Rows of --live: jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try {
            FaceDetectorFactory.ALL.get(detector); // a misspelt name is a usage error, before any input is read
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        // 0 is the field's "the model's own" when the option is absent, not a value a user may give
        if (faceEvery < 0 || faceEvery == 0 && parsed.hasMatchedOption("--face-every")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--face-every must be at least 1, got " + faceEvery);
        }
        if (smoothing < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--smoothing must be >= 0 frames, got " + smoothing);
        }
        if (live == null && parsed.hasMatchedOption("--format")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format sets the rows of --live: give it with --live");
        }
        workers.check(spec);
        Phases.mark("predict parsed");
        if (live != null) {
            if (inputs != null && !inputs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--live reads its SOURCE only: drop the INPUT files");
            }
            if (!format.equals("jsonl") && !format.equals("csv")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or csv, got '" + format + "'");
            }
            try (org.affect4j.predict.ExpressionModel m = ExpressionModels.load(model, smoothing, checkpoints.choice(spec),
                    precision.value(spec))) {
                return LivePredict.run(live, m, workers.threads, detector, faceEvery > 0 ? faceEvery : m.faceEvery(), out != null ? out : Path.of("out", "live"), format.equals("csv"),
                        spec.commandLine().getOut(), spec.commandLine().getErr());
            }
        }
        List<Path> given = inputs == null || inputs.isEmpty() ? List.of(example()) : inputs;
        List<MediaInput> media = new ArrayList<>();
        for (Path p : given) media.addAll(MediaInput.resolve(p));
        Phases.mark("inputs resolved");
        ExpressionRecognizer.Builder settings = ExpressionRecognizer.builder().model(model).smoothing(smoothing)
                .checkpoint(checkpoints.choice(spec)).precision(precision.value(spec)).folderFps(workers.fps).threads(workers.threads).detector(detector).faceEvery(faceEvery);
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        // a folder of media files is a batch even when it holds one; an OUT holding a batch's summary stays a batch's
        // folder (xargs may give the last part of a long list as one file), never a single input's
        boolean batch = given.size() > 1 || media.size() > 1 || !media.get(0).path().equals(given.get(0))
                || (out != null && Files.isRegularFile(out.resolve(BatchPredict.SUMMARY_CSV)));
        if (batch) {
            int failed = new BatchPredict(media, out != null ? out : Path.of("out"), stdout, err).run(settings, workers.threads);
            return failed > 0 ? Affect4j.EXIT_FAILURE : 0;
        }
        MediaInput one = media.get(0);
        Path outDir = out != null ? out : Path.of("out", one.name());
        ReportFiles.checkOutput(outDir);
        try (ExpressionRecognizer r = settings.build();
             ProgressListener bar = new ProgressListener(one.name(), err)) {
            Phases.mark("model loaded");
            ExpressionTrack track = r.predict(one, bar);
            Phases.mark("frames predicted");
            ReportFiles.writeAll(track, outDir);
            Phases.mark("report written");
            bar.finish();
            stdout.println(summary(track, outDir));
            LabelFill fill = LabelFill.of(track.predictions());
            if (fill.fallback()) { // the whole input without a label: said on stderr, the summary names no class
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
        // only what was looked for: a voice-only reading never searched for a face, a face-only one for speech
        String face = String.format(Locale.ROOT, "face found in %.0f%% of frames", 100 * s.faceShare());
        String speech = String.format(Locale.ROOT, "speech in %.0f%%", 100 * s.speechShare());
        sb.append(String.format("%n%s%n", !t.speechSearched() ? face : !t.facesSearched() ? speech + " of frames"
                : face + ", " + speech));
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
