package org.affect4j.runs;

import ai.djl.engine.Engine;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.data.TrainingData;
import org.affect4j.training.data.VideoRows;
import org.affect4j.util.BuildInfo;
import org.affect4j.util.Sha256;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code run.json}: status, seed, software versions (affect4j, git commit, Java, OS, DJL and engine),
 * the data (store, hashes of the item lists, feature descriptors with their extractor provenance, sizes),
 * warnings and results. Floating point differs across platforms and library versions, hence all of them.
 */
public final class RunProvenance {
    private final Map<String, Object> content = new LinkedHashMap<>();

    public RunProvenance(ExperimentConfig config, TrainingData data, Path configFile) {
        content.put("status", RunDirectory.Status.RUNNING.name().toLowerCase());
        content.put("name", config.name());
        content.put("seed", config.seed());
        content.put("started", Instant.now().toString());
        content.put("configFile", configFile.toAbsolutePath().toString());
        content.put("software", software());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("store", config.data().store());
        d.put("trainList", config.data().train());
        d.put("trainListSha256", listSha256(Path.of(config.data().train())));
        d.put("validationList", config.data().validation());
        d.put("validationListSha256", listSha256(Path.of(config.data().validation())));
        d.put("trainVideos", data.train().size());
        d.put("trainFrames", data.train().stream().mapToLong(VideoRows::frames).sum());
        d.put("validationVideos", data.validation().size());
        d.put("validationFrames", data.validation().stream().mapToLong(VideoRows::frames).sum());
        d.put("trainClassFrames", data.classCounts());
        FeatureStore store = new FeatureStore(Path.of(config.data().store()));
        Map<String, FeatureDescriptor> features = new LinkedHashMap<>();
        for (String f : config.features()) features.put(f, store.requireDescriptor(f));
        d.put("features", features);
        content.put("data", d);
        content.put("warnings", data.warnings());
    }

    /** The software of this process as {@code run.json} records it (the engine must have been started). */
    public static Map<String, Object> software() {
        Map<String, Object> sw = new LinkedHashMap<>();
        // baked in at build time: the code that ran, whatever directory it ran in
        sw.put("affect4j", BuildInfo.version());
        sw.put("gitCommit", BuildInfo.commit());
        sw.put("uncommittedChanges", BuildInfo.dirty());
        sw.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        sw.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        sw.put("djl", Engine.getDjlVersion());
        sw.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        sw.put("threads", System.getProperty("ai.djl.pytorch.num_threads"));
        // the kernels the engine picks: unpinned, the same run trains differently on another CPU (NumericPath)
        sw.put("numericPath", org.affect4j.models.NumericPath.describe());
        sw.put("cpu", org.affect4j.models.NumericPath.cpu());
        // which library computes the products (a Transformer's training hands them to oneDNN on some CPUs)
        sw.put("matrixProducts", org.affect4j.models.TorchMatmul.describe());
        return sw;
    }

    /**
     * SHA-256 of an item list: of the CSV file, or, for a folder of annotation files, of the lines
     * {@code <file name> <file SHA-256>} of its {@code .txt} files in name order (the files {@link org.affect4j.training.data.LabelledItems}
     * reads), so a renamed, added or edited annotation file changes it.
     */
    public static String listSha256(Path list) {
        if (!java.nio.file.Files.isDirectory(list)) return Checkpoints.sha256(list);
        StringBuilder index = new StringBuilder();
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(list)) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted()::iterator) {
                index.append(f.getFileName()).append(' ').append(Checkpoints.sha256(f)).append('\n');
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + list + ": " + e.getMessage(), e);
        }
        return Sha256.of(index.toString());
    }

    public void status(RunDirectory.Status s, String message) {
        content.put("status", s.name().toLowerCase());
        if (message != null) content.put("error", message);
        if (s != RunDirectory.Status.RUNNING) content.put("ended", Instant.now().toString());
    }

    public void result(int bestEpoch, EpochMetrics best, EpochMetrics last) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("bestEpoch", bestEpoch);
        r.put("best", best);
        r.put("last", last);
        content.put("result", r);
    }

    public void resumedAt(int epoch) {
        @SuppressWarnings("unchecked")
        List<Object> resumes = (List<Object>) content.computeIfAbsent("resumedAtEpoch", k -> new java.util.ArrayList<>());
        resumes.add(epoch);
    }

    public Map<String, Object> content() {
        return content;
    }
}
