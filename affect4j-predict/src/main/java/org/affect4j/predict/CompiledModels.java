package org.affect4j.predict;

import org.affect4j.predict.model.WeightBlob;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Locations;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Compiled copies of model files in the model cache ({@code compiled/} under {@link Locations#models()}): the same
 * model with its weights as raw little-endian bytes behind a short JSON part ({@link WeightBlob}) instead of base64
 * text. Reading the shipped model's 15.5 MB of JSON (inflated from the jar, then base64 decoded by a JIT that stops
 * at C1) cost ~0.2 s of every {@code predict}'s start on its critical path; the compiled copy is mapped and each array
 * copied out. A copy is named by its source's identity (the resource's class-path name or the file's path) and holds its stamp
 * (the jar entry's CRC-32 and size, or the file's size and modification time), so a rebuilt or edited model is
 * compiled again; its arrays are bit for bit the source's ({@code CompiledModelsTest}). A cache that cannot be
 * written or read costs only that saving.
 */
final class CompiledModels {
    private static final byte[] MAGIC = "AF4JCM01".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_HEADER = MAGIC.length + Integer.BYTES + 2 * Long.BYTES;
    /** Copies kept in a cache folder: the newest; older ones (other model files, temporary ones) are removed. */
    static final int KEEP = 6;
    /**
     * Versions of one source kept: the newest two, so two builds used in turn (an installed release and a checkout, a
     * benchmark's baseline) each read their own copy instead of compiling the model again on every start.
     */
    static final int VERSIONS = 2;

    /** How to open a model file and tell one version of it from another. */
    record Source(String identity, String stamp, Opener opener) {
    }

    /** Opens a source's bytes. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private CompiledModels() {
    }

    /**
     * The folder: {@code Locations.models()/compiled}, or the system property {@code affect4j.compiled} where set
     * (the test suite's own folder, so its many small model files do not push the user's copies out).
     */
    static Path cacheDir() {
        String own = System.getProperty("affect4j.compiled");
        return own == null || own.isBlank() ? Locations.models().resolve("compiled") : Path.of(own).toAbsolutePath();
    }

    /**
     * A model file on disk as a source.
     *
     * @param file the file
     * @return its source
     * @throws IOException when its attributes cannot be read
     */
    static Source ofFile(Path file) throws IOException {
        Path p = file.toAbsolutePath().normalize();
        return new Source(p.toString(), Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis(), () -> Files.newInputStream(p));
    }

    /**
     * A class-path resource (in a jar or a folder) as a source.
     *
     * @param url      the resource
     * @param resource its class-path name, which names the copy
     * @return its source
     * @throws IOException when it cannot be opened
     */
    static Source ofResource(URL url, String resource) throws IOException {
        // named by the resource, not by where the jar lies: every checkout and copy of one model shares one copy
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            JarEntry e = jar.getJarEntry(); // from the central directory: no inflating
            return new Source("resource:" + resource, Long.toHexString(e.getCrc()) + "/" + e.getSize(), url::openStream);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                Source f = ofFile(Path.of(url.toURI()));
                return new Source("resource:" + resource, f.stamp(), f.opener());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        throw new IOException("no stamp for " + url);
    }

    /**
     * The model of {@code source}, from its compiled copy in {@code dir} when one of this version of the source is
     * there, else read from the source and compiled into {@code dir} for the next time.
     *
     * @param source the model file
     * @param what   its name, for messages
     * @param dir    the cache folder
     * @return the model
     * @throws IllegalArgumentException when the source is not a model file
     */
    static LateFusionModel load(Source source, String what, Path dir) {
        String key = LateFusionModel.FORMAT + "\n" + source.identity() + "\n" + source.stamp();
        String prefix = prefix(source);
        Path copy = dir.resolve(prefix + crcHex(key) + ".bin");
        if (Files.isRegularFile(copy)) {
            try {
                return read(copy, key, what);
            } catch (IOException | RuntimeException e) {
                AtomicFiles.deleteQuietly(copy); // unreadable or another key's: compiled again below
            }
        }
        LateFusionModel model;
        try (InputStream in = source.opener().open()) {
            model = LateFusionModel.load(in, what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + what + ": " + e.getMessage(), e);
        }
        try {
            write(model, key, copy);
            removeOthers(copy, prefix);
        } catch (IOException | UncheckedIOException e) {
            // not compiled: read from the source again next time
        }
        return model;
    }

    /** The copies of one source share this prefix: its file name's stem and the CRC of its identity. */
    private static String prefix(Source source) {
        String name = source.identity().substring(source.identity().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + "-" + crcHex(source.identity()) + "-";
    }

    private static String crcHex(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** Layout: magic, key length (int), JSON length, blob length (longs), key, JSON, zeros to 8 bytes, blob. */
    private static void write(LateFusionModel model, String key, Path copy) throws IOException {
        WeightBlob.Sink sink = new WeightBlob.Sink();
        byte[] json = model.compiledJson(sink);
        byte[] blob = sink.bytes();
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(copy, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.write(MAGIC);
            d.writeInt(k.length);
            d.writeLong(json.length);
            d.writeLong(blob.length);
            d.write(k);
            d.write(json);
            d.write(new byte[padding(FIXED_HEADER + k.length + json.length)]);
            d.write(blob);
            d.flush();
        });
    }

    private static int padding(long at) {
        return (int) ((Long.BYTES - at % Long.BYTES) % Long.BYTES);
    }

    private static LateFusionModel read(Path copy, String key, String what) throws IOException {
        MappedByteBuffer map;
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        byte[] magic = new byte[MAGIC.length];
        map.get(magic);
        int keyLength = map.getInt();
        long jsonLength = map.getLong();
        long blobLength = map.getLong();
        if (!Arrays.equals(magic, MAGIC) || keyLength < 0 || jsonLength < 0 || blobLength < 0) throw new IOException("not a compiled model");
        long blobAt = FIXED_HEADER + keyLength + jsonLength;
        blobAt += padding(blobAt);
        if (blobAt + blobLength != map.capacity()) throw new IOException("truncated");
        byte[] k = new byte[keyLength];
        map.get(k);
        if (!key.equals(new String(k, StandardCharsets.UTF_8))) throw new IOException("another version's copy");
        byte[] json = new byte[(int) jsonLength];
        map.get(json);
        ByteBuffer blob = map.slice((int) blobAt, (int) blobLength).order(ByteOrder.LITTLE_ENDIAN);
        return LateFusionModel.loadCompiled(json, blob, what);
    }

    /**
     * When a new copy is written, all but the newest {@link #VERSIONS} copies of its source go, and so do all but the
     * {@link #KEEP} newest copies overall, so the folder stays bounded however many model files are read.
     */
    private static void removeOthers(Path keep, String prefix) throws IOException {
        List<Path> versions = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(keep.getParent(), "*.bin")) {
            for (Path p : ds) {
                if (p.equals(keep)) continue;
                (p.getFileName().toString().startsWith(prefix) ? versions : others).add(p);
            }
        }
        Comparator<Path> newestFirst = Comparator.comparing(CompiledModels::modified).reversed();
        versions.sort(newestFirst);
        for (Path p : versions.subList(Math.min(versions.size(), VERSIONS - 1), versions.size())) AtomicFiles.deleteQuietly(p);
        others.addAll(versions.subList(0, Math.min(versions.size(), VERSIONS - 1)));
        others.sort(newestFirst);
        for (Path p : others.subList(Math.min(others.size(), KEEP - 1), others.size())) AtomicFiles.deleteQuietly(p);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0; // gone already: sorted last, deleted quietly
        }
    }
}
