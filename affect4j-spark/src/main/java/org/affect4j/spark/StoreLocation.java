package org.affect4j.spark;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a job's store or run folders live, given as a path string that every executor resolves itself (a
 * {@link Path} is not serializable and means nothing on another machine).
 *
 * <p>What works today: local paths ({@code /data/store}, {@code store}) and {@code file:} URIs
 * ({@code file:///data/store}). On a cluster that means a folder every executor mounts at the same path (NFS, a
 * shared disk). Other Hadoop file systems ({@code hdfs://}, {@code s3a://}, ...) are rejected with a clear message:
 * the feature store writes through {@code java.nio} with atomic renames, which those file systems do not offer
 * through the same API.
 */
public final class StoreLocation {
    private StoreLocation() {
    }

    /**
     * Resolves a location string to a local absolute path.
     *
     * @throws IllegalArgumentException for a URI scheme other than {@code file}
     */
    public static Path resolve(String location) {
        if (location == null || location.isBlank()) throw new IllegalArgumentException("empty store location");
        int colon = location.indexOf(':');
        // a scheme is letters before "://" or "file:"; a Windows drive letter or a plain name with a colon is a path
        if (colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
                && (location.startsWith(location.substring(0, colon) + "://") || location.startsWith("file:"))) {
            URI uri = URI.create(location);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("store location " + location + ": only local paths and file: URIs are"
                        + " supported (a folder every executor mounts at the same path); " + uri.getScheme()
                        + ": is not, because the store needs atomic renames");
            }
            return Path.of(uri).toAbsolutePath().normalize();
        }
        return Path.of(location).toAbsolutePath().normalize();
    }

    /** The string form of a local path that {@link #resolve} reads back (absolute, so executors agree). */
    public static String of(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
