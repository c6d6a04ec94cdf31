package org.affect4j.spark;

import org.affect4j.store.FeatureStore;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Locations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
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
 * <p>The local copy lives under {@code java.io.tmpdir/affect4j-store-cache/<hash of the URI>}; files already there
 * are not fetched again (store files never change once written).
 */
public final class RemoteStore {
    private static final String VIDEOS = "videos", DESCRIPTOR = "feature.json";
    private final String uri;

    /** @param uri the store's root, with a scheme other than {@code file} */
    public RemoteStore(String uri) {
        if (!isRemote(uri)) throw new IllegalArgumentException(uri + " is not a Hadoop file system URI");
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** True for {@code scheme://...} locations other than {@code file:}: those go through Hadoop. */
    public static boolean isRemote(String location) {
        return Locations.isUri(location) && !location.regionMatches(true, 0, "file:", 0, 5);
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
     * mask and the matrix, the video record last.
     */
    public void publish(String video, List<String> features) {
        Path local = cacheRoot();
        try {
            FileSystem fs = fs();
            for (String f : features) upload(fs, local, f + "/" + DESCRIPTOR);
            for (String f : features) {
                upload(fs, local, f + "/" + video + ".mask.npy");
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
        if (fs.exists(dst) && fs.getFileStatus(dst).getLen() == Files.size(src)) return;
        org.apache.hadoop.fs.Path tmp = remote(file + ".tmp-" + UUID.randomUUID());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(src.toUri()), tmp);
        fs.delete(dst, false); // a different, stale copy (the local file wins: it was just computed)
        if (!fs.rename(tmp, dst)) {
            fs.delete(tmp, false);
            if (!fs.exists(dst)) throw new IOException("cannot rename " + tmp + " to " + dst);
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
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "affect4j-store-cache", HexFormat.of().formatHex(h, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
