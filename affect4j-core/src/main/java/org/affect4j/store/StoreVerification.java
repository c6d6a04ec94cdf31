package org.affect4j.store;

import org.affect4j.util.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Rechecks a store against its manifests ({@link MatrixManifest}): every matrix and mask file is hashed again and
 * compared with the SHA-256 recorded when it was written, and every manifest's extraction with its feature's
 * descriptor. Usage:
 * <pre>
 * StoreVerification.Result r = StoreVerification.verify(new FeatureStore(Path.of("store")));
 * r.problems().forEach(System.out::println);   // one line per missing, changed or unrecorded matrix
 * </pre>
 */
public final class StoreVerification {
    private StoreVerification() {
    }

    /**
     * What a verification found.
     *
     * @param verified matrices whose files and extraction match their manifest
     * @param problems one line per matrix that does not, naming it ({@code FEATURE/VIDEO}) and what is wrong
     */
    public record Result(int verified, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** True when nothing is wrong. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Verifies every (feature, video) pair of the store: those with a matrix and those with a manifest. */
    public static Result verify(FeatureStore store) {
        List<String> features = store.features();
        if (features.isEmpty() && Files.isDirectory(store.root())) {
            // a wrong folder would otherwise pass as a store whose "0 matrices are as written"
            throw new IllegalArgumentException(store.root() + " is not a feature store: it holds no feature (no "
                    + "FEATURE/feature.json)");
        }
        return verify(store, features, v -> true);
    }

    /**
     * Verifies the pairs of the given features and videos that have a matrix or a manifest (what a training run
     * reads: {@code reproduce} checks its run's pairs before re-training).
     *
     * @param store    the store
     * @param features features to check; each must be in the store
     * @param videos   videos to check
     * @return the result for those pairs
     */
    public static Result verify(FeatureStore store, Collection<String> features, Set<String> videos) {
        return verify(store, features, videos::contains);
    }

    private static Result verify(FeatureStore store, Collection<String> features, Predicate<String> videos) {
        if (!Files.isDirectory(store.root())) {
            throw new IllegalArgumentException("the store " + store.root() + " does not exist");
        }
        int verified = 0;
        List<String> problems = new ArrayList<>();
        for (String feature : features) {
            FeatureDescriptor d = store.requireDescriptor(feature);
            for (String video : pairs(store.root().resolve(feature))) {
                if (!videos.test(video)) continue;
                String problem = check(store, d, video);
                if (problem == null) verified++; else problems.add(feature + "/" + video + ": " + problem);
            }
        }
        return new Result(verified, problems);
    }

    /** What is wrong with one pair, or null when nothing is. */
    private static String check(FeatureStore store, FeatureDescriptor d, String video) {
        String feature = d.name();
        Optional<MatrixManifest> m;
        try {
            m = store.manifest(feature, video);
        } catch (UncheckedIOException e) {
            return "the manifest is unreadable (" + e.getMessage() + ")";
        }
        if (m.isEmpty()) return "no manifest (written before the store kept manifests, or by another tool)";
        Path dir = store.root().resolve(feature);
        String matrix = changed(dir.resolve(video + ".npy"), m.get().matrixSha256());
        String mask = changed(dir.resolve(video + ".mask.npy"), m.get().maskSha256());
        if (matrix != null || mask != null) {
            return matrix != null && mask != null ? matrix + "; " + mask : matrix != null ? matrix : mask;
        }
        List<String> extraction = m.get().differencesFrom(d);
        if (!extraction.isEmpty()) {
            return "made by another extraction than feature.json describes: " + String.join(", ", extraction);
        }
        return null;
    }

    private static String changed(Path file, String recorded) {
        if (!Files.isRegularFile(file)) return file.getFileName() + " is missing";
        String now = Sha256.of(file);
        return now.equals(recorded) ? null
                : file.getFileName() + " changed (SHA-256 " + now + ", the manifest recorded " + recorded + ")";
    }

    /** The videos of a feature folder that have a matrix or a manifest, in name order. */
    private static List<String> pairs(Path dir) {
        TreeSet<String> videos = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).forEach(n -> {
                if (n.endsWith(MatrixManifest.SUFFIX)) videos.add(n.substring(0, n.length() - MatrixManifest.SUFFIX.length()));
                else if (n.endsWith(".npy") && !n.endsWith(".mask.npy")) videos.add(n.substring(0, n.length() - ".npy".length()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(videos);
    }
}
