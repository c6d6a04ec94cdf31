package org.affect4j.jobs;

import org.affect4j.util.Locations;
import org.affect4j.util.Sha256;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Access to a feature store on another file system than the local one ({@code hdfs://}, {@code s3a://}, ...), which
 * tasks work on through a local copy. Jobs know only this interface: its one implementation speaks Hadoop and lives
 * in affect4j-spark ({@code org.affect4j.spark.RemoteStore}), found through {@link ServiceLoader}, so that a local
 * experiment needs neither Spark nor Hadoop on its class path.
 *
 * <p>The local copy of a store lives under {@code java.io.tmpdir/affect4j-store-cache/<hash of the URI>}
 * ({@link #cacheRoot}), on every executor alike.
 */
public interface RemoteStores {
    /** Folder of {@code java.io.tmpdir} holding the local copies of remote stores. */
    String CACHE = "affect4j-store-cache";

    /**
     * Fails at once, with one line, when the store's file system cannot be reached.
     *
     * @param uri    a remote store location ({@link #isRemote})
     * @param create create the store's root if missing (extraction); otherwise it must exist (training)
     */
    void requireReachable(String uri, boolean create);

    /**
     * Fetches what reading {@code features} of {@code videos} needs into the local copy (missing files only) and
     * returns its root.
     */
    Path localCopy(String uri, List<String> features, Collection<String> videos);

    /** True for {@code scheme://...} locations other than {@code file:}: those are remote stores. */
    static boolean isRemote(String location) {
        return Locations.isUri(location) && !location.regionMatches(true, 0, "file:", 0, 5);
    }

    /** {@link #requireReachable} of the installed implementation for a remote location; a local one passes. */
    static void checkReachable(String location, boolean create) {
        if (isRemote(location)) get(location).requireReachable(location, create);
    }

    /** The implementation that reaches {@code location}. @throws IllegalStateException when none is installed */
    static RemoteStores get(String location) {
        return ServiceLoader.load(RemoteStores.class, RemoteStores.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the feature store " + location
                        + " is on a Hadoop file system, which needs affect4j-spark on the class path"));
    }

    /** The local copy's root of the store at {@code uri} (no trailing slash). */
    static Path cacheRoot(String uri) {
        return Path.of(System.getProperty("java.io.tmpdir"), CACHE, Sha256.of(uri).substring(0, 16));
    }

    /**
     * True when two local folders are copies of the same remote store made on different executors (the same store,
     * each node's {@code java.io.tmpdir}): the same data under two paths.
     */
    static boolean sameStoreCopy(Path a, Path b) {
        return a.getFileName() != null && a.getFileName().equals(b.getFileName()) && a.getParent() != null
                && b.getParent() != null && a.getParent().getFileName().toString().equals(CACHE)
                && b.getParent().getFileName().toString().equals(CACHE);
    }
}
