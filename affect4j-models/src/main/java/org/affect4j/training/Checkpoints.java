package org.affect4j.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.models.ExpressionNet;
import org.affect4j.util.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * </pre>
 * A checkpoint folder is complete before a pointer names it, and pointers are replaced atomically, so a crash at
 * any moment leaves the previous checkpoint usable. Folders no pointer names are deleted. Loading verifies the
 * hashes: a damaged file is reported as such ({@link IllegalArgumentException}) rather than as a DJL stack trace.
 */
final class Checkpoints {
    /** Which checkpoint. */
    enum Tag { LAST, BEST }

    /** Training progress recorded with a checkpoint. */
    record State(int epoch, long optimiserSteps, double bestF1, int bestEpoch) {
    }

    private final Path dir;

    Checkpoints(Path runDir) {
        this.dir = runDir.resolve("checkpoints");
    }

    /** Saves the network and optimiser after {@code state.epoch()} and points {@code tags} at it. */
    void save(ExpressionNet net, AdamOptimiser optimiser, State state, Set<Tag> tags) {
        Path folder = dir.resolve(String.format("epoch-%04d", state.epoch()));
        try {
            Files.createDirectories(folder);
            AtomicFiles.write(folder.resolve("model.params"), out -> net.saveParameters(new DataOutputStream(out)));
            AtomicFiles.write(folder.resolve("optimiser.ndlist"), optimiser::save);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("epoch", state.epoch());
            meta.put("optimiserSteps", state.optimiserSteps());
            meta.put("bestF1", state.bestF1());
            meta.put("bestEpoch", state.bestEpoch());
            meta.put("inputSize", net.inputSize());
            meta.put("modelSha256", sha256(folder.resolve("model.params")));
            meta.put("optimiserSha256", sha256(folder.resolve("optimiser.ndlist")));
            AtomicFiles.writeString(folder.resolve("checkpoint.json"), ExperimentConfigs.json().writeValueAsString(meta));
            for (Tag t : tags) {
                AtomicFiles.writeString(pointer(t), "{\"dir\": \"" + folder.getFileName() + "\"}\n");
            }
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path pointer(Tag t) {
        return dir.resolve(t.name().toLowerCase() + ".json");
    }

    /** The folder a tag points at, if any. */
    Optional<Path> folder(Tag t) {
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
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p) && p.getFileName().toString().startsWith("epoch-") && !keep.contains(p)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(q);
        }
    }

    /** Reads and checks a checkpoint's metadata. */
    static State readState(Path folder) {
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
    static void loadModel(Path folder, ExpressionNet net, NDManager manager) {
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

    /** The input width a checkpoint was trained on. */
    static int inputSize(Path folder) {
        return meta(folder).path("inputSize").asInt();
    }

    /** Restores the optimiser state of a checkpoint folder. */
    static void loadOptimiser(Path folder, AdamOptimiser optimiser) {
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
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
