package org.affect4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.ConfigReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment file (YAML or JSON, the training library's format) as an editable tree, for deriving the configs of
 * folds and grid cells from one base file: the user's file stays the single source of every other setting.
 *
 * <p>Besides the training library's keys, the file may hold an {@code ensemble} section read by {@code cv} and
 * {@code ablate} only ({@link Ensemble}); it is taken out on load, so derived files are plain experiments.
 *
 * <p>The base file's relative data paths are made absolute on load, so a derived file written elsewhere means the
 * same data. Each written file is validated by {@link ExperimentConfigs#load}, so a bad override fails before any
 * training with the library's own message. Not thread-safe; {@link #copy()} before editing a shared instance.
 */
public final class ExperimentFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> DATA_PATHS = List.of("store", "train", "validation");

    /**
     * The {@code ensemble} section: how fold models predict and are combined.
     * <pre>
     * ensemble:
     *   rule: mean     # vote (default) or mean: how the fold models' test predictions are combined
     *   average: 3     # each model predicts with the parameter average of its last 3 epochs (0 = off: best epoch)
     * </pre>
     * {@code average: K} also makes the fold runs keep their last K epoch checkpoints
     * ({@code training.keepCheckpoints}), and the fold scores are those of the averaged models.
     *
     * @param rule    the combination rule's name ({@link EnsembleRuleFactory#RULES}), or null when the file does not
     *                say (the command's default applies)
     * @param average K, or 0 for no checkpoint averaging
     */
    public record Ensemble(String rule, int average) {
        /** No section. */
        public static final Ensemble NONE = new Ensemble(null, 0);

        public Ensemble {
            if (average < 0) throw new IllegalArgumentException("checkpoint averaging needs K >= 0 (0 = off), got " + average);
        }

        /** The same settings with another K (0 = off). */
        public Ensemble withAverage(int k) {
            return new Ensemble(rule, k);
        }

        static Ensemble parse(JsonNode node, String source) {
            if (node == null || node.isNull()) return NONE;
            ConfigReader r = new ConfigReader(node, "ensemble", source);
            String name = r.oneOf("rule", null, EnsembleRuleFactory.RULES.names());
            // how many last epoch checkpoints each model averages; 0 = off
            int average = r.integer("average", 0, 0);
            r.finish();
            return new Ensemble(name, average);
        }
    }

    private final ObjectNode root;
    private final Path source;
    private Ensemble ensemble;

    private ExperimentFile(ObjectNode root, Path source, Ensemble ensemble) {
        this.root = root;
        this.source = source;
        this.ensemble = ensemble;
    }

    /**
     * Reads and validates a base experiment file.
     *
     * @throws IllegalArgumentException if it is not a valid experiment (the library's message)
     */
    public static ExperimentFile load(Path file) {
        JsonNode tree = null;
        try {
            if (Files.isRegularFile(file)) tree = (file.toString().endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            // the library's load below gives the message for a missing or unparseable file
        }
        if (!(tree instanceof ObjectNode root)) {
            ExperimentConfigs.load(file);
            throw new IllegalArgumentException("config file " + file + " must hold an object at the top level");
        }
        Ensemble ensemble = Ensemble.parse(root.remove("ensemble"), file.toString());
        ExperimentConfig resolved = ExperimentConfigs.parse(root, file.toAbsolutePath().getParent(), file.toString());
        ObjectNode data = root.with("data");
        data.put("store", resolved.data().store());
        data.put("train", resolved.data().train());
        data.put("validation", resolved.data().validation());
        return new ExperimentFile(root, file, ensemble);
    }

    /** An independent copy. */
    public ExperimentFile copy() {
        return new ExperimentFile(root.deepCopy(), source, ensemble);
    }

    /** The {@code ensemble} section ({@link Ensemble#NONE} when the file has none). */
    public Ensemble ensemble() {
        return ensemble;
    }

    /** Replaces the {@code ensemble} settings (command-line options override the file). */
    public ExperimentFile ensemble(Ensemble e) {
        this.ensemble = e;
        return this;
    }

    /** The experiment as the training library reads it (validated; data paths are absolute already). */
    public ExperimentConfig config() {
        return ExperimentConfigs.parse(root, null, source.toString());
    }

    /** The file this was loaded from. */
    public Path source() {
        return source;
    }

    /** The absolute path of a data list or store: {@code store}, {@code train} or {@code validation}. */
    public Path dataPath(String key) {
        if (!DATA_PATHS.contains(key)) throw new IllegalArgumentException("data." + key + " is not a path setting");
        return Path.of(root.path("data").path(key).asText());
    }

    /** The master seed (the library's default when the file has none). */
    public long seed() {
        return root.path("seed").asLong(ExperimentConfig.DEFAULT_SEED);
    }

    /** The run name. */
    public String name() {
        return root.path("name").asText("experiment");
    }

    /** Sets {@code name}. */
    public ExperimentFile name(String name) {
        root.put("name", name);
        return this;
    }

    /** Points {@code data.train} and {@code data.validation} at other lists. */
    public ExperimentFile lists(Path train, Path validation) {
        root.with("data").put("train", train.toAbsolutePath().toString()).put("validation", validation.toAbsolutePath().toString());
        return this;
    }

    /**
     * Sets a value by dotted key, e.g. {@code model.type} or {@code training.epochs}; {@code features} takes a list.
     * Values are written as JSON numbers or booleans when they parse as such, else as strings.
     */
    public ExperimentFile set(String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) node = node.with(parts[i]);
        String leaf = parts[parts.length - 1];
        if (value instanceof List<?> list) {
            ArrayNode a = node.putArray(leaf);
            list.forEach(v -> a.add(JSON.valueToTree(v)));
        } else {
            node.set(leaf, scalar(String.valueOf(value)));
        }
        return this;
    }

    private static JsonNode scalar(String s) {
        if (s.equals("true") || s.equals("false")) return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(s));
        try {
            if (s.matches("-?\\d+")) return JSON.getNodeFactory().numberNode(Long.parseLong(s));
            if (s.matches("-?[\\d.]+([eE][-+]?\\d+)?")) return JSON.getNodeFactory().numberNode(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            // falls through: keep the text as written
        }
        return JSON.getNodeFactory().textNode(s);
    }

    /**
     * Writes the tree as JSON atomically and validates it.
     *
     * @throws IllegalArgumentException if the derived experiment is invalid (names the written file and key)
     */
    public Path write(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise experiment " + file + ": " + e.getMessage(), e);
        }
        ExperimentConfigs.load(file);
        return file;
    }
}
