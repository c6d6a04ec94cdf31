package org.affect4j.runs;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.models.ExpressionNet;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Sha256;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checkpoints of one run directory:
 * <pre>
 * RUN/checkpoints/epoch-0007/model.params      DJL parameter file of the whole network
 * RUN/checkpoints/epoch-0007/optimiser.ndlist  Adam step count and moments
 * RUN/checkpoints/epoch-0007/checkpoint.json   epoch, best-so-far, SHA-256 of both files
 * RUN/checkpoints/last.json, best.json         {"dir": "epoch-0007"}
 * RUN/checkpoints/average-0006-0007/           parameter average of epochs 6 and 7 (model.params, checkpoint.json)
 * </pre>
 * A checkpoint folder is complete before a pointer names it, and pointers are replaced atomically, so a crash at
 * any moment leaves the previous checkpoint usable. Epoch folders no pointer names are deleted, except the newest
 * {@code keepEpochs} ({@code training.keepCheckpoints}) kept for averaging. Averaged folders are built under a
 * temporary name and renamed into place. Loading verifies the hashes: a damaged file is reported as such
 * ({@link IllegalArgumentException}) rather than as a DJL stack trace.
 */
public final class Checkpoints {
    /** Which checkpoint. */
    public enum Tag { LAST, BEST }

    /** Training progress recorded with a checkpoint. */
    public record State(int epoch, long optimiserSteps, double bestF1, int bestEpoch) {
    }

    /**
     * Prefix of an averaged checkpoint's folder: the word of the choice {@code average-K} ({@link CheckpointChoice}),
     * followed by the 4-digit epochs, so the two never read alike.
     */
    public static final String AVERAGE = "average-";
    /** The prefix averaged folders had before: read (runs made then still load), never written. */
    private static final String OLD_AVERAGE = "averaged-";
    private static final String TEMP = ".tmp-";

    private final Path dir;
    private final int keepEpochs;

    /** Checkpoints of a run that keeps only the best and last epochs. */
    public Checkpoints(Path runDir) {
        this(runDir, 0);
    }

    /** Checkpoints of a run that also keeps the newest {@code keepEpochs} epoch folders. */
    public Checkpoints(Path runDir, int keepEpochs) {
        this.dir = runDir.resolve("checkpoints");
        this.keepEpochs = keepEpochs;
    }

    /** The folder of an epoch's checkpoint (which may not exist). */
    Path epochFolder(int epoch) {
        return dir.resolve(String.format("epoch-%04d", epoch));
    }

    /** Saves the network and optimiser after {@code state.epoch()} and points {@code tags} at it. */
    public void save(ExpressionNet net, OptimiserState optimiser, State state, Set<Tag> tags) {
        Path folder = epochFolder(state.epoch());
        try {
            Files.createDirectories(folder);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("epoch", state.epoch());
            meta.put("optimiserSteps", state.optimiserSteps());
            meta.put("bestF1", state.bestF1());
            meta.put("bestEpoch", state.bestEpoch());
            write(folder, net, optimiser, meta);
            for (Tag t : tags) {
                AtomicFiles.writeString(pointer(t), "{\"dir\": \"" + folder.getFileName() + "\"}\n");
            }
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Writes model.params, optionally optimiser.ndlist, and last checkpoint.json with their hashes. */
    private static void write(Path folder, ExpressionNet net, OptimiserState optimiser, Map<String, Object> meta)
            throws IOException {
        AtomicFiles.write(folder.resolve("model.params"), out -> net.saveParameters(new DataOutputStream(out)));
        if (optimiser != null) AtomicFiles.write(folder.resolve("optimiser.ndlist"), optimiser::save);
        meta.put("inputSize", net.inputSize());
        meta.put("modelSha256", sha256(folder.resolve("model.params")));
        if (optimiser != null) meta.put("optimiserSha256", sha256(folder.resolve("optimiser.ndlist")));
        AtomicFiles.writeString(folder.resolve("checkpoint.json"), ExperimentConfigs.json().writeValueAsString(meta));
    }

    /** The name of the folder averaging these epochs (ascending): {@code average-0006-0007}. */
    static String averagedName(List<Integer> epochs) {
        StringBuilder b = new StringBuilder(AVERAGE);
        for (int i = 0; i < epochs.size(); i++) b.append(i == 0 ? "" : "-").append(String.format("%04d", epochs.get(i)));
        return b.toString();
    }

    /**
     * Saves a network holding the average of the epoch checkpoints {@code epochs} as
     * {@code checkpoints/average-<epochs>/}: written under a temporary name, then renamed into place (replacing an
     * earlier average of the same epochs). Model only, no optimiser state.
     */
    Path saveAveraged(ExpressionNet net, List<Integer> epochs, List<String> sourceSha256) {
        Path folder = dir.resolve(averagedName(epochs));
        Path temp = dir.resolve(TEMP + folder.getFileName() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectories(temp);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("epoch", epochs.get(epochs.size() - 1));
            meta.put("averagedEpochs", epochs);
            meta.put("sourceModelSha256", sourceSha256);
            write(temp, net, null, meta);
            Path old = null;
            if (Files.exists(folder)) {
                old = dir.resolve(TEMP + "old-" + temp.getFileName().toString().substring(TEMP.length()));
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) AtomicFiles.deleteTree(old);
            return folder;
        } catch (IOException e) {
            try {
                AtomicFiles.deleteTree(temp);
            } catch (IOException ignored) {
                // the temporary folder is only litter
            }
            throw new UncheckedIOException("cannot write averaged checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The epochs that have a checkpoint folder, ascending (complete or not: loading checks). */
    List<Integer> epochs() {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                int e = epochOf(p);
                if (e >= 0 && Files.isDirectory(p)) out.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static int epochOf(Path p) {
        String n = p.getFileName().toString();
        if (!n.matches("epoch-\\d{4,}")) return -1;
        try {
            return Integer.parseInt(n.substring("epoch-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A checkpoint folder by name: {@code best}, {@code last}, or a folder under {@code checkpoints/}
     * ({@code epoch-0007}, {@code average-0006-0007}).
     *
     * @throws IllegalArgumentException if there is no such checkpoint
     */
    public Path named(String name) {
        if (name.equals("best") || name.equals("last")) {
            Tag t = name.equals("best") ? Tag.BEST : Tag.LAST;
            return folder(t).orElseThrow(() -> new IllegalArgumentException("run " + dir.getParent() + " has no " + name
                    + " checkpoint"));
        }
        if (!(name.startsWith("epoch-") || isAverage(name)) || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("unknown checkpoint '" + name + "': expected best, last, epoch-NNNN or "
                    + "average-NNNN-...");
        }
        Path f = dir.resolve(name);
        if (!Files.isDirectory(f)) {
            throw new IllegalArgumentException("run " + dir.getParent() + " has no checkpoint " + name + " (no folder " + f + ")");
        }
        return f;
    }

    /** True for the folder name of an averaged checkpoint. */
    public static boolean isAverage(String folderName) {
        return folderName.startsWith(AVERAGE) || folderName.startsWith(OLD_AVERAGE);
    }

    private Path pointer(Tag t) {
        return dir.resolve(t.name().toLowerCase() + ".json");
    }

    /** The folder a tag points at, if any. */
    public Optional<Path> folder(Tag t) {
        Path p = pointer(t);
        if (!Files.isRegularFile(p)) return Optional.empty();
        try {
            String name = ExperimentConfigs.json().readTree(p.toFile()).path("dir").asText();
            Path f = dir.resolve(name);
            if (name.isEmpty() || !Files.isDirectory(f)) {
                throw new IllegalArgumentException("checkpoint pointer " + p + " names a missing folder '" + name + "'");
            }
            return Optional.of(f);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint pointer " + p + " is unreadable: " + e.getMessage(), e);
        }
    }

    private void prune() throws IOException {
        Set<Path> keep = new java.util.HashSet<>();
        for (Tag t : Tag.values()) folder(t).ifPresent(keep::add);
        List<Integer> epochs = epochs();
        for (int i = Math.max(0, epochs.size() - keepEpochs); i < epochs.size(); i++) keep.add(epochFolder(epochs.get(i)));
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p) && p.getFileName().toString().startsWith("epoch-") && !keep.contains(p)) {
                    AtomicFiles.deleteTree(p);
                }
            }
        }
    }

    /** Reads and checks a checkpoint's metadata. */
    public static State readState(Path folder) {
        JsonNode meta = meta(folder);
        return new State(meta.path("epoch").asInt(), meta.path("optimiserSteps").asLong(),
                meta.path("bestF1").asDouble(), meta.path("bestEpoch").asInt());
    }

    private static JsonNode meta(Path folder) {
        Path p = folder.resolve("checkpoint.json");
        try {
            JsonNode n = ExperimentConfigs.json().readTree(p.toFile());
            if (n == null || !n.has("modelSha256")) throw new IOException("no model hash");
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + folder + " is corrupt or incomplete: cannot read "
                    + p.getFileName() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Loads the network's weights from a checkpoint folder, after checking its hash and input width.
     *
     * @throws IllegalArgumentException if the checkpoint is damaged or was trained on another input width
     */
    public static void loadModel(Path folder, ExpressionNet net, NDManager manager) {
        JsonNode meta = meta(folder);
        if (meta.path("inputSize").asInt() != net.inputSize()) {
            throw new IllegalArgumentException("checkpoint " + folder + " was trained on " + meta.path("inputSize").asInt()
                    + " input values per frame, but the configured features give " + net.inputSize());
        }
        Path params = verified(folder, "model.params", meta.path("modelSha256").asText());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
            net.loadParameters(manager, new DataInputStream(in));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + folder + " cannot be loaded into the configured model"
                    + " (was it trained with another model section?): " + e.getMessage(), e);
        }
        for (Parameter p : net.getParameters().values()) {
            if (p.requiresGradient()) p.getArray().setRequiresGradient(true);
        }
    }

    /** The recorded SHA-256 of a checkpoint's model.params (after checking it is readable). */
    static String modelSha256(Path folder) {
        return meta(folder).path("modelSha256").asText();
    }

    /** The input width a checkpoint was trained on. */
    public static int inputSize(Path folder) {
        return meta(folder).path("inputSize").asInt();
    }

    /** Restores the optimiser state of a checkpoint folder. */
    public static void loadOptimiser(Path folder, OptimiserState optimiser) {
        Path p = verified(folder, "optimiser.ndlist", meta(folder).path("optimiserSha256").asText());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
            optimiser.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + folder + " has an unusable optimiser state: " + e.getMessage(), e);
        }
    }

    private static Path verified(Path folder, String file, String expected) {
        Path p = folder.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("checkpoint " + folder + " is incomplete: " + file + " is missing");
        }
        String got = sha256(p);
        if (!got.equals(expected)) {
            throw new IllegalArgumentException("checkpoint " + folder + " is corrupt: " + file + " has SHA-256 " + got
                    + ", checkpoint.json recorded " + expected);
        }
        return p;
    }

    /** Hex SHA-256 of a file. */
    static String sha256(Path p) {
        return Sha256.of(p);
    }
}
