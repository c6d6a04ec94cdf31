package org.affect4j.spark;

import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixManifest;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A feature store on a Hadoop-compatible file system ({@code hdfs://}, {@code s3a://}, {@code abfs://}, ...),
 * in the same layout as a local {@link FeatureStore}, worked on through a local copy on each executor.
 *
 * <p>Why a copy: extraction and training read and write many small files, seek in them and rely on atomic renames,
 * which object stores lack. So an extraction task writes a local store, then {@link #publish}es the video's files;
 * a training task {@link #localCopy}s the files it reads. Each published file lands under a temporary name and is
 * renamed into place (one file: atomic on HDFS, and on S3 a single-object copy), the mask before the matrix, so a
 * matrix that is present is complete and a retried task is harmless. The file system comes from the Hadoop
 * configuration on the class path ({@code core-site.xml}, {@code HADOOP_CONF_DIR}), as for any Spark job.
 *
 * <p>The local copy lives under {@link RemoteStores#cacheRoot}; files already there are not fetched again (store
 * files never change once written). {@link Access} makes this class the {@link RemoteStores} of the Spark-free jobs.
 */
public final class RemoteStore {
    private static final String VIDEOS = "videos", DESCRIPTOR = "feature.json";
    /** Infix of a file being uploaded: {@code NAME.tmp-UUID} until it is renamed to {@code NAME}. */
    static final String TMP = ".tmp-";
    private static final long STALE_MILLIS = 3_600_000;
    private final String uri;

    /** @param uri the store's root, with a scheme other than {@code file} */
    public RemoteStore(String uri) {
        if (!RemoteStores.isRemote(uri)) throw new IllegalArgumentException(uri + " is not a Hadoop file system URI");
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /**
     * Fails at once, with one line, when the store's file system cannot be reached (a NameNode down, a wrong port),
     * instead of after Hadoop's minutes of connection retries in every task. A local location passes.
     *
     * @param location the store location ({@link StoreLocation} rules, or a Hadoop file system URI)
     * @param create   create the store's root if missing (extraction); otherwise it must exist (training)
     * @throws UncheckedIOException naming the store and the cause, e.g. {@code Connection refused}
     */
    public static void requireReachable(String location, boolean create) {
        if (!RemoteStores.isRemote(location)) return;
        RemoteStore store = new RemoteStore(location);
        Configuration conf = new Configuration();
        // one attempt: the job's own clients keep Hadoop's patient defaults for passing hiccups
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        conf.setInt("ipc.client.connect.timeout", 10_000);
        try (FileSystem fs = FileSystem.newInstance(URI.create(store.uri), conf)) {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(store.uri);
            if (create) fs.mkdirs(root);
            else if (!fs.getFileStatus(root).isDirectory()) throw new IOException("not a folder");
        } catch (IOException | RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) t = t.getCause();
            String why = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                    : t.getMessage().strip().lines().findFirst().orElse("");
            if (t instanceof java.io.FileNotFoundException) why = "no such folder";
            throw new UncheckedIOException("cannot reach the store " + store.uri + " (" + why
                    + "): is its file system up and the address right?", e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The root URI. */
    public String uri() {
        return uri;
    }

    /** The executor-local copy of this store. */
    public FeatureStore local() {
        return new FeatureStore(cacheRoot());
    }

    /** True when the video's record and every listed feature's matrix and mask are published. */
    public boolean has(String video, List<String> features) {
        try {
            FileSystem fs = fs();
            if (!fs.exists(remote(VIDEOS + "/" + video + ".json"))) return false;
            for (String f : features) {
                if (!fs.exists(remote(f + "/" + video + ".mask.npy")) || !fs.exists(remote(f + "/" + video + ".npy"))) return false;
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies one video's files for {@code features} from the local copy up: descriptors first, then per feature the
     * mask, the manifest and the matrix, the video record last.
     */
    public void publish(String video, List<String> features) {
        Path local = cacheRoot();
        try {
            FileSystem fs = fs();
            for (String f : features) upload(fs, local, f + "/" + DESCRIPTOR);
            for (String f : features) {
                upload(fs, local, f + "/" + video + ".mask.npy");
                // the manifest before the matrix, as the local store wrote them (absent for pairs made before manifests)
                String manifest = f + "/" + video + MatrixManifest.SUFFIX;
                if (Files.isRegularFile(local.resolve(manifest))) upload(fs, local, manifest);
                upload(fs, local, f + "/" + video + ".npy");
            }
            upload(fs, local, VIDEOS + "/" + video + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + video + " to the store " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fetches what reading {@code features} of {@code videos} needs into the local copy (missing files only) and
     * returns its root. A video the remote store lacks is left out, so the training library reports it by name.
     */
    public Path localCopy(List<String> features, Collection<String> videos) {
        Path local = cacheRoot();
        try {
            FileSystem fs = fs();
            List<String> files = new ArrayList<>();
            for (String f : features) files.add(f + "/" + DESCRIPTOR);
            for (String v : videos) {
                files.add(VIDEOS + "/" + v + ".json");
                for (String f : features) {
                    files.add(f + "/" + v + ".mask.npy");
                    files.add(f + "/" + v + ".npy");
                }
            }
            for (String file : files) download(fs, file, local);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy from the store " + uri + ": " + e.getMessage(), e);
        }
    }

    private void upload(FileSystem fs, Path localRoot, String file) throws IOException {
        Path src = localRoot.resolve(file);
        if (!Files.isRegularFile(src)) throw new IOException("the local copy has no " + file);
        org.apache.hadoop.fs.Path dst = remote(file);
        removeLeftovers(fs, dst);
        if (fs.exists(dst) && fs.getFileStatus(dst).getLen() == Files.size(src)) return;
        org.apache.hadoop.fs.Path tmp = remote(file + TMP + UUID.randomUUID());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(src.toUri()), tmp);
        fs.delete(dst, false); // a different, stale copy (the local file wins: it was just computed)
        if (!fs.rename(tmp, dst)) {
            fs.delete(tmp, false);
            if (!fs.exists(dst)) throw new IOException("cannot rename " + tmp + " to " + dst);
        }
    }

    /**
     * Deletes what a killed uploader of {@code dst} left (its rename never came). A video's files have one writer, the
     * task of that video, so its leftovers go at once; a feature descriptor is uploaded by every task of that
     * feature, so only a leftover older than {@link #STALE_MILLIS} (no upload takes that long) is one.
     */
    private static void removeLeftovers(FileSystem fs, org.apache.hadoop.fs.Path dst) throws IOException {
        if (!fs.exists(dst.getParent())) return;
        long before = dst.getName().equals(DESCRIPTOR) ? System.currentTimeMillis() - STALE_MILLIS : Long.MAX_VALUE;
        for (FileStatus left : fs.listStatus(dst.getParent(), p -> p.getName().startsWith(dst.getName() + TMP))) {
            if (left.getModificationTime() < before) fs.delete(left.getPath(), false);
        }
    }

    private void download(FileSystem fs, String file, Path localRoot) throws IOException {
        Path dst = localRoot.resolve(file);
        if (Files.isRegularFile(dst)) return;
        org.apache.hadoop.fs.Path src = remote(file);
        if (!fs.exists(src)) return;
        Files.createDirectories(dst.getParent());
        Path tmp = dst.resolveSibling(dst.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(tmp.toUri()), true);
            AtomicFiles.moveIntoPlace(tmp, dst);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    private org.apache.hadoop.fs.Path remote(String file) {
        return new org.apache.hadoop.fs.Path(uri + "/" + file);
    }

    private FileSystem fs() throws IOException {
        return FileSystem.get(URI.create(uri), new Configuration());
    }

    private Path cacheRoot() {
        return RemoteStores.cacheRoot(uri);
    }

    /** The {@link RemoteStores} implementation, registered in {@code META-INF/services}. */
    public static final class Access implements RemoteStores {
        @Override
        public void requireReachable(String uri, boolean create) {
            RemoteStore.requireReachable(uri, create);
        }

        @Override
        public Path localCopy(String uri, List<String> features, Collection<String> videos) {
            return new RemoteStore(uri).localCopy(features, videos);
        }
    }
}
