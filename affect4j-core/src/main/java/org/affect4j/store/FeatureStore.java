package org.affect4j.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Sha256;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The frame-aligned feature store: one float32 {@code .npy} per (feature, video), row i = frame i, plus a boolean
 * validity mask and a JSON descriptor per feature. Layout:
 * <pre>
 * STORE/FEATURE/feature.json        {@link FeatureDescriptor}
 * STORE/FEATURE/VIDEO.npy           float32 [frames, dim]
 * STORE/FEATURE/VIDEO.mask.npy      bool [frames]
 * STORE/FEATURE/VIDEO.manifest.json {@link MatrixManifest}: the extraction and both files' SHA-256
 * STORE/videos/VIDEO.json           {@link VideoInfo}
 * </pre>
 * Every file is written atomically, the mask and the manifest before the matrix, so the presence of {@code VIDEO.npy} means the pair
 * is complete: a rerun skips it ({@link #has}), a crash leaves nothing that looks finished. Files get the mode of any
 * new file (the umask), so a lab's other accounts can read a shared store. One writer per (feature, video) at a time:
 * the next writer of a pair deletes the temporary files a killed one left. Any number of readers may read
 * concurrently; one video is read at a time, never the whole corpus.
 */
public final class FeatureStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]*");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public FeatureStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Rejects names that could escape the store or clash with its files. */
    static void checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(".mask") || name.equals("videos")) {
            throw new IllegalArgumentException("invalid " + what + " '" + name + "': use letters, digits, '.', '_', '+', '-'");
        }
    }

    private Path featureDir(String feature) {
        checkName(feature, "feature name");
        return root.resolve(feature);
    }

    private Path matrixPath(String feature, String video) {
        checkName(video, "video name");
        return featureDir(feature).resolve(video + ".npy");
    }

    private Path maskPath(String feature, String video) {
        checkName(video, "video name");
        return featureDir(feature).resolve(video + ".mask.npy");
    }

    Path manifestPath(String feature, String video) {
        checkName(video, "video name");
        return featureDir(feature).resolve(video + MatrixManifest.SUFFIX);
    }

    /** The manifest of a (feature, video) matrix; empty for a pair written before the store kept manifests. */
    public Optional<MatrixManifest> manifest(String feature, String video) {
        return MatrixManifest.read(manifestPath(feature, video));
    }

    /** Writes (or replaces) the descriptor of a feature. */
    public void putDescriptor(FeatureDescriptor d) {
        try {
            AtomicFiles.writeString(featureDir(d.name()).resolve("feature.json"), JSON.writeValueAsString(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The descriptor of a feature, if the store has it. */
    public Optional<FeatureDescriptor> descriptor(String feature) {
        Path p = featureDir(feature).resolve("feature.json");
        if (!Files.isRegularFile(p)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(p.toFile(), FeatureDescriptor.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature descriptor " + p + ": " + org.affect4j.util.JsonProblems.describe(e), e);
        }
    }

    /** The descriptor, or an error naming the features the store does hold. */
    public FeatureDescriptor requireDescriptor(String feature) {
        return descriptor(feature).orElseThrow(() -> new IllegalArgumentException(
                "feature '" + feature + "' is not in the store " + root + " (it has: " + String.join(", ", features()) + ")"));
    }

    /** Names of the features with a descriptor. */
    public List<String> features() {
        return listNames(root, p -> Files.isRegularFile(p.resolve("feature.json")), "");
    }

    /** Names of the videos with a complete matrix for {@code feature}. */
    public List<String> videos(String feature) {
        return listNames(featureDir(feature), p -> p.getFileName().toString().endsWith(".npy")
                && !p.getFileName().toString().endsWith(".mask.npy"), ".npy");
    }

    private static List<String> listNames(Path dir, java.util.function.Predicate<Path> keep, String suffix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            s.filter(keep).forEach(p -> {
                String f = p.getFileName().toString();
                out.add(f.substring(0, f.length() - suffix.length()));
            });
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True when the (feature, video) pair is completely written. */
    public boolean has(String feature, String video) {
        return Files.isRegularFile(matrixPath(feature, video)) && Files.isRegularFile(maskPath(feature, video));
    }

    /** Writes one (feature, video) matrix and its mask atomically; the feature's descriptor must exist. */
    public void put(String feature, String video, FeatureMatrix m) {
        FeatureDescriptor d = requireDescriptor(feature);
        if (m.dim() != d.dim()) {
            throw new IllegalArgumentException("feature '" + feature + "' has dimension " + d.dim()
                    + " but the matrix for video '" + video + "' has " + m.dim());
        }
        for (float v : m.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("feature '" + feature + "' of video '" + video + "' contains NaN or infinity");
            }
        }
        Path matrix = matrixPath(feature, video);
        AtomicFiles.removeLeftovers(maskPath(feature, video));
        AtomicFiles.removeLeftovers(matrix);
        // hashed as written (no second read); the manifest goes in before the matrix, whose presence means complete
        MessageDigest maskHash = Sha256.digest(), matrixHash = Sha256.digest();
        AtomicFiles.write(maskPath(feature, video), out -> Npy.writeBool1d(new DigestOutputStream(out, maskHash), m.valid()));
        Path tmp = null;
        try {
            tmp = AtomicFiles.createTemp(matrix);
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(AtomicFiles.openLocked(tmp), 1 << 16), matrixHash)) {
                Npy.writeFloat2d(out, m.data(), m.rows(), m.dim());
            }
            MatrixManifest.of(d, video, m.rows(), Sha256.hex(matrixHash), Sha256.hex(maskHash)).write(manifestPath(feature, video));
            AtomicFiles.moveIntoPlace(tmp, matrix);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + matrix + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    /**
     * Opens a streaming writer for one (feature, video) matrix (row count unknown in advance); nothing is visible
     * in the store until {@link MatrixWriter#commit()}.
     */
    public MatrixWriter writer(String feature, String video) {
        FeatureDescriptor d = requireDescriptor(feature);
        return new MatrixWriter(matrixPath(feature, video), maskPath(feature, video), manifestPath(feature, video), d, video);
    }

    /** Reads one (feature, video) matrix with its mask, as stored (invalid rows as written). */
    public FeatureMatrix get(String feature, String video) {
        Path mp = matrixPath(feature, video);
        requirePair(feature, video);
        try (InputStream in = Files.newInputStream(mp); InputStream min = Files.newInputStream(maskPath(feature, video))) {
            int[] shape = new int[2];
            float[] data = Npy.readFloat2d(in, shape, mp.toString());
            boolean[] mask = Npy.readBool1d(min, maskPath(feature, video).toString());
            if (mask.length != shape[0]) {
                throw new IOException("mask of " + mp + " has " + mask.length + " rows, matrix has " + shape[0]);
            }
            return new FeatureMatrix(shape[0], shape[1], data, mask);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mp + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens one (feature, video) matrix for reading rows on demand through memory-mapped files, without loading it:
     * what a reader of the whole corpus uses so that its memory does not grow with the corpus.
     */
    public MappedMatrix map(String feature, String video) {
        requirePair(feature, video);
        return MappedMatrix.open(matrixPath(feature, video), maskPath(feature, video), MappedMatrix.MAX_CHUNK_BYTES);
    }

    private void requirePair(String feature, String video) {
        if (!has(feature, video)) {
            throw new IllegalArgumentException("the store " + root + " has no feature '" + feature + "' for video '" + video + "'");
        }
    }

    /** Reads a matrix; with {@code nearestFill} invalid rows take the nearest valid frame's values (METHOD §2). */
    public FeatureMatrix get(String feature, String video, boolean nearestFill) {
        FeatureMatrix m = get(feature, video);
        return nearestFill ? m.nearestFilled() : m;
    }

    /** Records a video's frame count and rate. */
    public void putVideo(VideoInfo v) {
        try {
            AtomicFiles.writeString(root.resolve("videos").resolve(v.name() + ".json"), JSON.writeValueAsString(v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A video's frame count and rate, if recorded. */
    public Optional<VideoInfo> video(String name) {
        checkName(name, "video name");
        Path p = root.resolve("videos").resolve(name + ".json");
        if (!Files.isRegularFile(p)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(p.toFile(), VideoInfo.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + org.affect4j.util.JsonProblems.describe(e), e);
        }
    }

    /** Names of all recorded videos. */
    public List<String> videos() {
        return listNames(root.resolve("videos"), p -> p.getFileName().toString().endsWith(".json"), ".json");
    }
}
