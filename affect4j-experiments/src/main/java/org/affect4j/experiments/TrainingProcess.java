package org.affect4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.eval.Evaluation;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.inference.RunPredictor;
import org.affect4j.jobs.ForkedJvm;
import org.affect4j.jobs.ForkedJvmMain;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.WorkItems;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.LabelledItems;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child-JVM side of {@link TrainingItem}:
 * {@code TrainingProcess CONFIG RUN_DIR [--checkpoint CHOICE] [--predict LIST --out DIR] [--score FILE] [--store DIR]}
 * ({@code --store}: read the features from this local copy of the config's {@link RemoteStores remote store}). Trains (or
 * resumes, or skips a finished run), then with the chosen checkpoint ({@link CheckpointChoice}, default best)
 * predicts the listed videos from the run's own store into {@code DIR/<video>.txt} (probabilities) and writes
 * {@code DIR/.complete}, and with {@code --score} scores it on the run's validation list into {@code FILE}. Exit 0
 * on success; otherwise the last line on standard error is {@code error: <one line>} and the exit code is 1.
 */
public final class TrainingProcess implements ForkedJvm.Task {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Needed by {@link ForkedJvmMain}. */
    public TrainingProcess() {
    }

    /** Runs one request in a JVM of its own (by hand, for debugging). */
    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.println("error: " + WorkItems.oneLine(e));
            System.exit(1);
        }
    }

    @Override
    public void run(List<String> args) {
        run(args.toArray(String[]::new));
    }

    static void run(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: TrainingProcess CONFIG RUN_DIR [--checkpoint CHOICE] [--predict LIST --out DIR] [--score FILE] [--store DIR]");
        }
        Path config = Path.of(args[0]), runDir = Path.of(args[1]);
        Path list = null, out = null, score = null, localStore = null;
        CheckpointChoice checkpoint = CheckpointChoice.BEST;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--predict" -> list = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--checkpoint" -> checkpoint = CheckpointChoice.parse(args[++i]);
                case "--score" -> score = Path.of(args[++i]);
                case "--store" -> localStore = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (localStore != null) {
            config = withStore(config, localStore, runDir);
            adoptCopy(runDir, localStore);
        }
        if (!RunStatus.finished(runDir)) Training.run(config, runDir, TrainingListener.NONE);
        if (list == null && score == null) return;
        try (RunPredictor p = checkpoint.open(runDir)) {
            FeatureStore store = new FeatureStore(Path.of(p.config().data().store()));
            if (score != null) {
                Evaluation e = p.evaluate(store, LabelledItems.read(Path.of(p.config().data().validation())));
                RunStatus.writeScore(score, checkpoint, p.checkpoint(), e.macroF1());
            }
            if (list != null) RunPredictions.write(p, store, ItemLists.names(list), out);
        }
    }

    /**
     * An unfinished run that another executor started (killed with its node, retried here) records that executor's
     * copy of the remote store; this copy holds the same files, so the run is pointed at it and resumes instead of
     * being refused as a run of a different configuration.
     */
    static void adoptCopy(Path runDir, Path localStore) {
        Path recorded = runDir.resolve("config.json");
        if (!Files.isRegularFile(recorded) || RunStatus.finished(runDir)) return;
        try {
            JsonNode root = JSON.readTree(recorded.toFile());
            JsonNode data = root.get("data");
            if (!(data instanceof ObjectNode d) || !data.path("store").isTextual()) return;
            Path was = Path.of(data.get("store").asText());
            if (was.equals(localStore) || !RemoteStores.sameStoreCopy(was, localStore)) return;
            d.put("store", localStore.toString());
            AtomicFiles.writeString(recorded, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + recorded + ": " + e.getMessage(), e);
        }
    }

    /** The experiment reading from {@code store} (a local copy of its remote store), written beside the run. */
    private static Path withStore(Path config, Path store, Path runDir) {
        String json = ExperimentConfigs.toJson(ExperimentConfigs.withStore(ExperimentConfigs.load(config), store.toString()));
        Path local = runDir.resolveSibling(runDir.getFileName() + ".local-store.json");
        AtomicFiles.writeString(local, json);
        return local;
    }
}
