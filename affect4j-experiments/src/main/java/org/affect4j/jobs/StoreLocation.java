package org.affect4j.jobs;

import org.affect4j.util.Locations;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a job's store or run folders live, given as a path string that every executor resolves itself (a
 * {@link Path} is not serializable and means nothing on another machine).
 *
 * <p>Local paths ({@code /data/store}, {@code store}) and {@code file:} URIs ({@code file:///data/store}); on a
 * cluster, a folder every executor mounts at the same path (NFS, a shared disk). A feature store may also be on
 * another Hadoop file system ({@code hdfs://}, {@code s3a://}, ...): jobs hand such a location to
 * {@link RemoteStores}, which this class rejects with a message naming what it is for.
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
        // a URI is scheme:// or file:; a Windows drive letter or a plain name with a colon is a path
        if (Locations.isUri(location) || location.startsWith("file:")) {
            URI uri = URI.create(location);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException(location + ": a Hadoop file system location is only supported for the"
                        + " feature store of Spark jobs (extract --spark, cv/ablate data.store); this path must be local"
                        + " or a folder every executor mounts");
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
