package org.affect4j.training;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.runs.CheckpointAveraging;
import org.affect4j.runs.Checkpoints;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.runs.MetricsLog;
import org.affect4j.runs.RunDirectory;
import org.affect4j.runs.RunProvenance;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.FeatureStandardiser;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.StoreVerification;
import org.affect4j.util.BuildInfo;
import org.affect4j.util.Locations;
import org.affect4j.util.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Re-trains a finished run from its {@code config.json} and {@code run.json} (same store, seed, features and engine
 * threads) into another folder and compares the two bit for bit: every checkpoint's parameter and optimiser files
 * (averaged checkpoints are averaged again from the reproduced epochs), the best/last pointers, the standardisation,
 * every learning-curve column and the recorded scores. Wall times are not compared. Usage:
 * <pre>
 * Reproduction.Report r = Reproduction.run(Path.of("runs/exp1"), Files.createTempDirectory("repro"), TrainingListener.NONE);
 * r.lines().forEach(l -> System.out.println(l.text()));   // r.matches(): everything is identical
 * </pre>
 * Nothing is trained when the run cannot be reproduced as recorded: a run that did not finish, a store that is
 * missing, a feature descriptor or an item list that changed since the run, or a matrix the run reads that no longer
 * matches the store's manifest ({@link StoreVerification}) ({@link IllegalArgumentException}).
 * A different build of affect4j, Java or engine is reported first (it is the likely cause of any difference) but is
 * not by itself a mismatch.
 */
public final class Reproduction {
    private Reproduction() {
    }

    /**
     * One line of the report.
     *
     * @param kind  {@link Kind#NOTE} for context (a different build), else whether something matched
     * @param text  the line, without a trailing newline
     */
    public record Line(Kind kind, String text) {
    }

    /** What a report line says. */
    public enum Kind { NOTE, MATCH, DIFFERS }

    /**
     * The comparison.
     *
     * @param lines      notes first, then one line per checkpoint, pointer, file and metric
     * @param reproduced the run directory of the reproduction
     */
    public record Report(List<Line> lines, Path reproduced) {
        public Report {
            lines = List.copyOf(lines);
        }

        /** True when nothing differs. */
        public boolean matches() {
            return lines.stream().noneMatch(l -> l.kind() == Kind.DIFFERS);
        }
    }

    /**
     * Checks that {@code runDir} can be reproduced as recorded, re-trains it into {@code outDir} (which must not hold
     * anything) and compares.
     *
     * @throws IllegalArgumentException the run, its store or its data are not as recorded (nothing trained)
     */
    public static Report run(Path runDir, Path outDir, TrainingListener listener) {
        Path configFile = runDir.resolve("config.json");
        JsonNode recorded = readRunJson(runDir);
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        checkData(runDir, config, recorded.path("data"));
        int threads = recorded.path("software").path("threads").asInt(0);
        Training.run(configFile, outDir, listener, new Training.Options(false, threads));
        // after training: the engine is started with the recorded threads (unless this JVM had set others)
        List<Line> lines = new ArrayList<>(softwareNotes(recorded.path("software")));
        lines.addAll(checkpoints(runDir, outDir));
        lines.add(sameFile(runDir, outDir, FeatureStandardiser.FILE));
        lines.addAll(metrics(MetricsLog.read(runDir), MetricsLog.read(outDir)));
        lines.addAll(scores(recorded.path("result"), readRunJson(outDir).path("result")));
        return new Report(lines, outDir);
    }

    private static JsonNode readRunJson(Path runDir) {
        Path p = runDir.resolve("run.json");
        if (!Files.isRegularFile(p) || !Files.isRegularFile(runDir.resolve("config.json"))) {
            throw new IllegalArgumentException(runDir + " is not a run directory (no run.json and config.json)");
        }
        JsonNode n;
        try {
            n = ExperimentConfigs.json().readTree(p.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("run " + runDir + " has an unreadable run.json: " + e.getMessage(), e);
        }
        String status = n.path("status").asText("");
        if (!status.equals(RunDirectory.Status.FINISHED.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("run " + runDir + " did not finish (status '" + status
                    + "'): only a finished run can be reproduced");
        }
        return n;
    }

    /** Refuses when the store, a feature's descriptor or an item list is not what the run recorded. */
    private static void checkData(Path runDir, ExperimentConfig config, JsonNode data) {
        String store = config.data().store();
        if (Locations.isUri(store) || !Files.isDirectory(Path.of(store))) {
            throw new IllegalArgumentException("cannot reproduce " + runDir + ": its store " + store
                    + " is missing (or not a local folder)");
        }
        FeatureStore fs = new FeatureStore(Path.of(store));
        Map<String, FeatureDescriptor> features = ExperimentConfigs.json().convertValue(data.path("features"),
                new TypeReference<Map<String, FeatureDescriptor>>() { });
        for (String f : config.features()) {
            FeatureDescriptor then = features == null ? null : features.get(f);
            FeatureDescriptor now = fs.descriptor(f).orElse(null);
            if (then == null || now == null) {
                throw new IllegalArgumentException("cannot reproduce " + runDir + ": feature " + f + " is "
                        + (then == null ? "not recorded in its run.json" : "no longer in store " + store));
            }
            List<String> d = then.differences(now);
            if (!d.isEmpty()) {
                throw new IllegalArgumentException("cannot reproduce " + runDir + ": feature " + f + " in store " + store
                        + " differs from what the run recorded (" + String.join(", ", d) + ")");
            }
        }
        checkList(runDir, "training", config.data().train(), data.path("trainListSha256").asText(""));
        checkList(runDir, "validation", config.data().validation(), data.path("validationListSha256").asText(""));
        Set<String> videos = new HashSet<>();
        for (String list : List.of(config.data().train(), config.data().validation())) {
            for (LabelledItem item : LabelledItems.read(Path.of(list))) videos.add(item.video());
        }
        StoreVerification.Result r = StoreVerification.verify(fs, config.features(), videos);
        if (!r.ok()) {
            throw new IllegalArgumentException("cannot reproduce " + runDir + ": store " + store + " is not as written: "
                    + r.problems().get(0) + (r.problems().size() == 1 ? ""
                    : " (and " + (r.problems().size() - 1) + " more: affect4j store verify " + store + ")"));
        }
    }

    private static void checkList(Path runDir, String what, String list, String recordedSha256) {
        if (!Files.exists(Path.of(list))) {
            throw new IllegalArgumentException("cannot reproduce " + runDir + ": its " + what + " list " + list + " is missing");
        }
        if (!RunProvenance.listSha256(Path.of(list)).equals(recordedSha256)) {
            throw new IllegalArgumentException("cannot reproduce " + runDir + ": its " + what + " list " + list
                    + " changed since the run (SHA-256 differs from run.json)");
        }
    }

    /**
     * Notes on the software that differs from the recorded: the build first, then Java, DJL, engine, threads, the
     * engine's kernel settings and the CPU (unpinned kernels on another CPU give other numbers: {@link org.affect4j.models.NumericPath}).
     */
    private static List<Line> softwareNotes(JsonNode sw) {
        List<Line> out = new ArrayList<>();
        String then = sw.path("affect4j").asText("?") + " commit " + sw.path("gitCommit").asText("?")
                + (sw.path("uncommittedChanges").asBoolean(false) ? " with uncommitted changes" : "");
        String now = BuildInfo.version() + " commit " + BuildInfo.commit() + (BuildInfo.dirty() ? " with uncommitted changes" : "");
        if (!then.equals(now)) out.add(new Line(Kind.NOTE, "code differs: the run was trained by affect4j " + then
                + ", this is affect4j " + now));
        Map<String, Object> current = RunProvenance.software();
        for (String key : List.of("java", "os", "djl", "engine", "threads", "numericPath", "cpu")) {
            if (!sw.has(key)) continue; // a run recorded before the key was
            String a = sw.path(key).asText(""), b = Objects.toString(current.get(key), "");
            if (a.equals(b)) continue;
            // other kernels train other numbers: say how to get the recorded ones (set before the JVM starts)
            String hint = key.equals("numericPath") ? " (export the recorded settings and run again to train with its kernels)" : "";
            out.add(new Line(Kind.NOTE, key + " differs: recorded " + a + ", now " + b + hint));
        }
        return out;
    }

    /** Every checkpoint folder of the run against the reproduction's, then the best/last pointers. */
    private static List<Line> checkpoints(Path runDir, Path outDir) {
        List<Line> out = new ArrayList<>();
        Path cps = runDir.resolve("checkpoints");
        List<Path> folders;
        try (Stream<Path> s = Files.list(cps)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + cps + ": " + e.getMessage(), e);
        }
        for (Path f : folders) {
            String name = f.getFileName().toString();
            if (Checkpoints.isAverage(name)) averageAgain(f, outDir);
            Path g = outDir.resolve("checkpoints").resolve(name);
            if (!Files.isDirectory(g)) {
                out.add(new Line(Kind.DIFFERS, "checkpoint " + name + ": the reproduction has no such checkpoint"));
                continue;
            }
            List<String> differ = new ArrayList<>();
            for (String file : List.of("model.params", "optimiser.ndlist")) {
                Path a = f.resolve(file), b = g.resolve(file);
                if (Files.exists(a) != Files.exists(b) || Files.exists(a) && !Sha256.of(a).equals(Sha256.of(b))) differ.add(file);
            }
            out.add(differ.isEmpty() ? new Line(Kind.MATCH, "checkpoint " + name + ": parameters match bit for bit")
                    : new Line(Kind.DIFFERS, "checkpoint " + name + ": " + String.join(" and ", differ) + " differ"));
        }
        for (Checkpoints.Tag t : Checkpoints.Tag.values()) {
            String tag = t.name().toLowerCase(Locale.ROOT);
            String a = pointed(runDir, t), b = pointed(outDir, t);
            out.add(a.equals(b) ? new Line(Kind.MATCH, "checkpoint " + tag + ": " + a + " in both")
                    : new Line(Kind.DIFFERS, "checkpoint " + tag + ": " + a + " in the run, " + b + " in the reproduction"));
        }
        return out;
    }

    private static String pointed(Path runDir, Checkpoints.Tag t) {
        return new Checkpoints(runDir).folder(t).map(p -> p.getFileName().toString()).orElse("none");
    }

    /** Averages the reproduction's epochs as the run's averaged checkpoint {@code folder} did. */
    private static void averageAgain(Path folder, Path outDir) {
        try {
            JsonNode meta = ExperimentConfigs.json().readTree(folder.resolve("checkpoint.json").toFile());
            List<Integer> epochs = new ArrayList<>();
            meta.path("averagedEpochs").forEach(e -> epochs.add(e.asInt()));
            if (!epochs.isEmpty()) CheckpointAveraging.average(outDir, epochs);
        } catch (IOException | IllegalArgumentException e) {
            // reported as a missing checkpoint of the reproduction
        }
    }

    private static Line sameFile(Path runDir, Path outDir, String file) {
        Path a = runDir.resolve(file), b = outDir.resolve(file);
        if (!Files.exists(a) && !Files.exists(b)) return new Line(Kind.MATCH, file + ": absent in both");
        boolean same = Files.exists(a) && Files.exists(b) && Sha256.of(a).equals(Sha256.of(b));
        return new Line(same ? Kind.MATCH : Kind.DIFFERS, file + (same ? ": matches bit for bit" : ": differs"));
    }

    private record Column(String name, ToDoubleFunction<EpochMetrics> value) {
    }

    private static final List<Column> COLUMNS = columns();

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>(List.of(new Column("train loss", EpochMetrics::trainLoss),
                new Column("validation loss", EpochMetrics::validationLoss), new Column("macro-F1", EpochMetrics::macroF1),
                new Column("accuracy", EpochMetrics::accuracy), new Column("learning rate", EpochMetrics::learningRate)));
        List<String> names = org.affect4j.data.ExprClass.names();
        for (int k = 0; k < names.size(); k++) {
            int cls = k;
            c.add(new Column("F1 " + names.get(k), m -> m.perClassF1().get(cls)));
        }
        return c;
    }

    /** One line per learning-curve column over all epochs, compared bit for bit (wall time aside). */
    private static List<Line> metrics(List<EpochMetrics> a, List<EpochMetrics> b) {
        List<Line> out = new ArrayList<>();
        if (a.size() != b.size()) {
            out.add(new Line(Kind.DIFFERS, "learning curve: " + a.size() + " epochs in the run, " + b.size() + " in the reproduction"));
            return out;
        }
        for (Column c : COLUMNS) {
            String first = null;
            for (int i = 0; i < a.size() && first == null; i++) {
                double x = c.value().applyAsDouble(a.get(i)), y = c.value().applyAsDouble(b.get(i));
                if (Double.doubleToLongBits(x) != Double.doubleToLongBits(y)) {
                    first = "epoch " + a.get(i).epoch() + ": " + x + " vs " + y;
                }
            }
            out.add(first == null ? new Line(Kind.MATCH, "learning curve " + c.name() + ": " + a.size() + " epochs match bit for bit")
                    : new Line(Kind.DIFFERS, "learning curve " + c.name() + " differs, first at " + first));
        }
        return out;
    }

    /** The recorded result (best epoch, best and last scores) against the reproduction's, wall times aside. */
    private static List<Line> scores(JsonNode a, JsonNode b) {
        List<Line> out = new ArrayList<>();
        int ea = a.path("bestEpoch").asInt(-1), eb = b.path("bestEpoch").asInt(-1);
        out.add(ea == eb ? new Line(Kind.MATCH, "best epoch: " + ea + " in both")
                : new Line(Kind.DIFFERS, "best epoch: " + ea + " in the run, " + eb + " in the reproduction"));
        for (String which : List.of("best", "last")) {
            List<String> differ = new ArrayList<>();
            JsonNode x = withoutTime(a.path(which)), y = withoutTime(b.path(which));
            x.fieldNames().forEachRemaining(k -> {
                if (!x.get(k).equals(y.get(k))) differ.add(k + " " + x.get(k) + " vs " + y.get(k));
            });
            if (x.size() != y.size() || x.isEmpty()) differ.add("recorded fields " + x.size() + " vs " + y.size());
            out.add(differ.isEmpty() ? new Line(Kind.MATCH, "scores of the " + which + " epoch: match bit for bit")
                    : new Line(Kind.DIFFERS, "scores of the " + which + " epoch differ: " + String.join(", ", differ)));
        }
        return out;
    }

    private static JsonNode withoutTime(JsonNode n) {
        JsonNode copy = n.deepCopy();
        if (copy.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("seconds");
        return copy;
    }
}
