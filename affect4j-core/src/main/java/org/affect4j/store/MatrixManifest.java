package org.affect4j.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one published (feature, video) matrix is, as {@code STORE/FEATURE/VIDEO.manifest.json}: the extraction that
 * made it (from the feature's descriptor) and the SHA-256 of the matrix and mask files as written. The store writes
 * it after the mask and before the matrix is renamed into place, so every complete pair has one; the hashes are
 * taken while the files are written, and {@link StoreVerification} recomputes them. A store made before manifests
 * existed has pairs without one.
 *
 * @param feature          the feature
 * @param video            the video
 * @param extractor        the descriptor's extractor
 * @param extractorVersion the descriptor's extractor version
 * @param modelSha256      the extractor's model file hash, when it has a model
 * @param detector         the face detector, for visual features
 * @param track            the face track choice, for visual features
 * @param faceEvery        the face key-frame stride, for visual features (1 = every frame)
 * @param rows             rows of the matrix (and the mask)
 * @param dim              values per row
 * @param matrixSha256     SHA-256 of {@code VIDEO.npy}
 * @param maskSha256       SHA-256 of {@code VIDEO.mask.npy}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixManifest(String feature, String video, String extractor, String extractorVersion, String modelSha256,
                             String detector, String track, Integer faceEvery, int rows, int dim, String matrixSha256,
                             String maskSha256) {
    /** Suffix of a manifest file beside {@code VIDEO.npy}. */
    public static final String SUFFIX = ".manifest.json";

    /** Provenance keys under which extractors record their model file's hash. */
    private static final List<String> MODEL_HASH_KEYS = List.of("model_sha256", "model.sha256");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The manifest of a matrix of feature {@code d}. */
    static MatrixManifest of(FeatureDescriptor d, String video, int rows, String matrixSha256, String maskSha256) {
        return new MatrixManifest(d.name(), video, d.extractor(), d.extractorVersion(), modelSha256(d),
                d.provenance().get("detector"), d.provenance().get("track"), faceEvery(d), rows, d.dim(), matrixSha256,
                maskSha256);
    }

    private static String modelSha256(FeatureDescriptor d) {
        return MODEL_HASH_KEYS.stream().map(d.provenance()::get).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Integer faceEvery(FeatureDescriptor d) {
        if (!d.provenance().containsKey("detector")) return null;
        return Integer.valueOf(d.provenance().getOrDefault("faceEvery", "1"));
    }

    /**
     * What differs between the extraction this manifest records and the feature's descriptor now (a store whose
     * descriptor was replaced under its matrices); empty when they agree.
     */
    List<String> differencesFrom(FeatureDescriptor d) {
        MatrixManifest now = of(d, video, rows, matrixSha256, maskSha256);
        List<String> out = new ArrayList<>();
        diff(out, "extractor", extractor, now.extractor);
        diff(out, "extractorVersion", extractorVersion, now.extractorVersion);
        diff(out, "model hash", modelSha256, now.modelSha256);
        diff(out, "detector", detector, now.detector);
        diff(out, "track", track, now.track);
        diff(out, "faceEvery", faceEvery, now.faceEvery);
        diff(out, "dim", dim, now.dim);
        return out;
    }

    private static void diff(List<String> out, String what, Object recorded, Object now) {
        if (!Objects.equals(recorded, now)) out.add(what + " " + recorded + " (feature.json: " + now + ")");
    }

    /** Writes the manifest atomically. */
    void write(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a manifest; empty when there is none. */
    static Optional<MatrixManifest> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(file.toFile(), MatrixManifest.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + org.affect4j.util.JsonProblems.describe(e), e);
        }
    }
}
