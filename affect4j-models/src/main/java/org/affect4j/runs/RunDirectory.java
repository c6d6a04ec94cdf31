package org.affect4j.runs;

import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The layout and life cycle of a run directory:
 * <pre>
 * RUN/config.json            the resolved experiment (after defaults), what {@link org.affect4j.inference.RunPredictor} rebuilds from
 * RUN/run.json               provenance and status: "running", "failed" or "finished"
 * RUN/metrics.csv, .json     one row per epoch
 * RUN/learning-curve.png, confusion-matrix.png
 * RUN/checkpoints/           see {@link Checkpoints}
 * </pre>
 * Only a run whose {@code run.json} says "finished" is complete. A finished run is never overwritten unless asked;
 * an unfinished run of the same configuration is resumed; anything else in the folder is an error.
 */
public final class RunDirectory {
    /** Run states recorded in {@code run.json}. */
    public enum Status { RUNNING, FAILED, FINISHED }

    private final Path dir;
    private final boolean resuming;

    private RunDirectory(Path dir, boolean resuming) {
        this.dir = dir;
        this.resuming = resuming;
    }

    public Path path() {
        return dir;
    }

    /** True when an interrupted run of the same configuration continues. */
    public boolean resuming() {
        return resuming;
    }

    /**
     * Opens {@code dir} for a run of {@code configJson}: creates it, resumes it, or (with {@code overwrite}) clears a
     * previous run. Writes {@code config.json} for a new run.
     *
     * @throws IllegalArgumentException for a finished run without {@code overwrite}, an unfinished run of a different
     *                                  configuration, or a non-empty folder that is not a run directory
     */
    public static RunDirectory open(Path dir, String configJson, boolean overwrite) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                Path runJson = dir.resolve("run.json");
                Path config = dir.resolve("config.json");
                if (!Files.isRegularFile(runJson) || !Files.isRegularFile(config)) {
                    if (!overwrite) {
                        throw new IllegalArgumentException("run directory " + dir + " is not empty and holds no run;"
                                + " choose another folder or overwrite it");
                    }
                } else if (!overwrite) {
                    if (finished(dir)) {
                        throw new IllegalArgumentException("run directory " + dir + " holds a finished run; choose another"
                                + " folder or overwrite it");
                    }
                    if (!sameConfig(config, configJson)) {
                        throw new IllegalArgumentException("run directory " + dir + " holds an unfinished run of a different"
                                + " configuration; choose another folder or overwrite it");
                    }
                    return new RunDirectory(dir, new Checkpoints(dir).folder(Checkpoints.Tag.LAST).isPresent());
                }
                clear(dir);
            }
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("config.json"), configJson);
            return new RunDirectory(dir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) AtomicFiles.deleteTree(p);
        }
    }

    private static String readStatus(Path runJson) {
        try {
            return ExperimentConfigs.json().readTree(runJson.toFile()).path("status").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * True when the run's {@code config.json} file is the experiment {@code json} (the trainer's resolved form). The
     * file is resolved again first, so a run written before a key existed matches the key's default.
     */
    public static boolean sameConfig(Path config, String json) throws IOException {
        JsonNode a;
        try {
            a = ExperimentConfigs.json().readTree(ExperimentConfigs.toJson(ExperimentConfigs.load(config)));
        } catch (IllegalArgumentException e) {
            return false; // not an experiment this version reads
        }
        JsonNode b = ExperimentConfigs.json().readTree(json);
        return a.equals(b);
    }

    /** True when {@code runDir} holds a run that finished ({@code run.json}'s status). */
    public static boolean finished(Path runDir) {
        return Status.FINISHED.name().equalsIgnoreCase(status(runDir));
    }

    /** Reads a run's status; empty when it has none. */
    public static String status(Path runDir) {
        Path p = runDir.resolve("run.json");
        return Files.isRegularFile(p) ? readStatus(p) : "";
    }

    /** Writes {@code run.json} atomically. */
    public void writeRunJson(Map<String, Object> content) {
        try {
            AtomicFiles.writeString(dir.resolve("run.json"), ExperimentConfigs.json().writeValueAsString(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
