package org.affect4j.cli;

import org.affect4j.data.AnnotatedVideo;
import org.affect4j.data.ExprCorpus;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.experiments.ItemLists;
import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.TaskRunner;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.ExtractionResult;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.spark.ExtractionJob;
import org.affect4j.spark.RemoteStore;
import org.affect4j.spark.Runners;
import org.affect4j.store.FeatureStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j extract}: media in, frame-aligned features out, resumable. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract frame-aligned features of videos, audio files, images or frame folders into a feature store.",
                "A (feature, video) pair already in the store is skipped, so an interrupted run resumes where it stopped.",
                "Feature names (visual, audio and plug-ins): see 'affect4j list'."})
final class ExtractCommand implements Callable<Integer> {
    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Plain media, an Aff-Wild2 annotation tree with its videos, or a list of names (the test set) with its videos. */
    static final class Source {
        @Option(names = "--input", required = true, paramLabel = "PATH", description = "A video, audio file, image, folder of frames, or folder of those.")
        Path input;

        @Option(names = "--corpus", required = true, paramLabel = "DIR", description = "An Aff-Wild2 EXPR annotation tree"
                + " (Train_Set/, Validation_Set/): one store entry per annotation file, named like it; _left/_right files"
                + " follow that person.")
        Path corpus;

        @Option(names = "--names", required = true, paramLabel = "CSV|DIR", description = "A list of store names without"
                + " annotations, such as the challenge's test set: a CSV with a 'name' column or a folder of <name>.txt"
                + " files; VIDEO_left / VIDEO_right entries follow that person of VIDEO.")
        Path names;
    }

    @Option(names = "--videos", paramLabel = "DIR", description = "With --corpus or --names: the folder searched (recursively) for <video>.<ext>.")
    Path videos;

    @Option(names = "--store", required = true, paramLabel = "DIR|URI", description = "Feature store directory (created if missing);"
            + " with --spark also a Hadoop file system URI (hdfs://..., s3a://...).")
    String store;

    @Option(names = "--features", required = true, split = ",", paramLabel = "NAME", description = "Comma-separated feature names.")
    List<String> features;

    @Option(names = "--write-crops", description = "Also write aligned 112x112 crops as STORE/cropped_aligned/<name>/<NNNNN>.jpg.")
    boolean writeCrops;

    @Option(names = "--crops-dir", paramLabel = "DIR", description = "Where to write crops instead of STORE/cropped_aligned (implies --write-crops).")
    Path cropsDir;

    @Option(names = "--detector", defaultValue = FaceDetectors.DEFAULT, paramLabel = "NAME",
            description = "Face detector (default: ${DEFAULT-VALUE}); 'affect4j list' shows them all, plug-ins included.")
    String detector;

    @Option(names = "--track", paramLabel = "TRACK", defaultValue = "auto",
            description = "Whose face: auto (_left/_right names pick that side, else the main face), main, left, right.")
    String track;

    @Option(names = "--audio-rate", paramLabel = "RATE", defaultValue = "100",
            description = "Rows per second of audio features for audio-only inputs (default: the native ${DEFAULT-VALUE}).")
    double audioRate;

    @picocli.CommandLine.Mixin
    WorkerOptions workers;

    @picocli.CommandLine.Mixin
    SparkMixin sparkOptions;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (source.input == null && videos == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    (source.corpus != null ? "--corpus" : "--names") + " needs --videos");
        }
        try {
            org.affect4j.pipeline.FeatureNames.parse(features); // a misspelt name is a usage error, before any input is read
            FaceDetectorFactory.ALL.get(detector);
            ExtractionOptions.checkTrack(track);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        workers.check(spec);
        if (!(audioRate > 0) || Double.isInfinite(audioRate)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--audio-rate must be a row rate > 0, got " + audioRate);
        }
        if (sparkOptions.enabled()) return onSpark();
        if (RemoteStores.isRemote(store)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--store " + store + ": a store on a Hadoop file system needs --spark (or a local folder)");
        }
        Path storeDir = Path.of(store);
        List<MediaInput> inputs = source.input == null ? entryInputs() : MediaInput.resolve(source.input);
        MediaInput.requireDistinctNames(inputs); // one store key each
        Path crops = cropsDir != null ? cropsDir : writeCrops ? storeDir.resolve("cropped_aligned") : null;
        ExtractionOptions opts = ExtractionOptions.builder(features).detector(detector).track(track)
                .crops(crops).folderFps(workers.fps).audioRate(audioRate).threads(workers.threads).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> failures = new ArrayList<>();
        // a store this command creates and fills with nothing (every input unreadable) is removed, not left as a skeleton
        boolean fresh = !java.nio.file.Files.exists(storeDir);
        int done = 0;
        try (VideoExtraction x = new VideoExtraction(new FeatureStore(storeDir), opts)) {
            for (MediaInput in : inputs) {
                try (ProgressListener bar = new ProgressListener(in.name(), err)) {
                    ExtractionResult r = x.extract(in, bar);
                    bar.finish();
                    done++;
                    out.println(summary(r));
                    checkAgainstAnnotation(in, r, err);
                } catch (IllegalArgumentException | java.io.IOException e) {
                    if (inputs.size() == 1) throw e;
                    // one bad video must not sink the others: report it and go on
                    failures.add(in.name() + ": " + ErrorHandler.message(e));
                    err.println("affect4j: error: " + in.name() + ": " + ErrorHandler.message(e));
                }
            }
        } finally {
            if (fresh && done == 0) org.affect4j.util.AtomicFiles.deleteTreeQuietly(storeDir);
        }
        out.flush();
        if (!failures.isEmpty()) {
            err.println("affect4j: " + failures.size() + " of " + inputs.size() + " inputs failed: "
                    + String.join("; ", failures.stream().map(f -> f.substring(0, f.indexOf(':'))).toList()));
            return Affect4j.EXIT_FAILURE;
        }
        return 0;
    }

    private final java.util.Map<String, Path> annotations = new java.util.HashMap<>();

    /** Aff-Wild2 has one label line per video frame: say so when the decoded video disagrees. */
    private void checkAgainstAnnotation(MediaInput in, ExtractionResult r, PrintWriter err) {
        Path ann = annotations.get(in.name());
        if (ann == null || r.frames() < 0) return;
        int lines = org.affect4j.data.ExprAnnotations.read(ann).length;
        if (lines != r.frames()) {
            err.println("affect4j: note: " + in.name() + ": " + r.frames() + " frames decoded but " + ann + " has "
                    + lines + " labels; training uses the frames both have");
        }
    }

    /** The annotation files of --corpus, or the entries of --names, with their media. */
    private List<AnnotatedVideo> entries() {
        return source.corpus != null ? ExprCorpus.scan(source.corpus, videos, null).videos()
                : ExprCorpus.unlabelled(ItemLists.names(source.names), "names", videos, null);
    }

    /** One video input per entry, named like it (so _left and _right get their own rows and follow their person). */
    private List<MediaInput> entryInputs() {
        List<MediaInput> out = new ArrayList<>();
        for (AnnotatedVideo v : entries()) {
            out.add(new MediaInput(v.name(), MediaInput.Kind.VIDEO, v.requireMedia(videos)));
            if (v.annotation() != null) annotations.put(v.name(), v.annotation());
        }
        return out;
    }

    /** The same extraction, one Spark task per input; failed inputs are listed and give exit code 1. */
    private int onSpark() {
        if (writeCrops || cropsDir != null || !"auto".equals(track) || workers.fps > 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--spark supports --input, --corpus, --names, --features and --detector (not crops, --track or --fps)");
        }
        // before Spark starts: an unreachable NameNode is one line, not a failure per video after minutes of retries
        RemoteStore.requireReachable(store, true);
        try (TaskRunner runner = sparkOptions.open("affect4j extract")) {
            var items = source.input != null
                    ? ExtractionJob.items(List.of(source.input), store, features, detector, TaskRunner.threadsPerTask(runner))
                    : ExtractionJob.videoItems(entries(), videos, store, features, detector, TaskRunner.threadsPerTask(runner));
            JobReport report = runner.run(items);
            spec.commandLine().getOut().println(report.format());
            spec.commandLine().getOut().flush();
            return report.ok() ? 0 : Affect4j.EXIT_FAILURE;
        }
    }

    private static String summary(ExtractionResult r) {
        StringBuilder sb = new StringBuilder(r.name()).append(": ").append(r.frames()).append(" frames");
        if (r.fps() > 0) sb.append(String.format(" at %.3f fps", r.fps()));
        if (r.faceFrames() >= 0) sb.append(String.format(", face in %d (%.1f%%)", r.faceFrames(), 100.0 * r.faceFrames() / Math.max(1, r.frames())));
        if (r.audioRows() >= 0) sb.append(", audio in ").append(r.audioRows());
        if (!r.written().isEmpty()) sb.append(", wrote ").append(String.join(",", r.written()));
        if (!r.skipped().isEmpty()) sb.append(", already done ").append(String.join(",", r.skipped()));
        return sb.toString();
    }
}
