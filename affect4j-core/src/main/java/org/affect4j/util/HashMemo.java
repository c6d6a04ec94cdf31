package org.affect4j.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Remembers a hash computed over files, in the model cache, as long as none of the files changed (same path, size
 * and modification time, as {@code git} and {@code make} judge a file unchanged). Every start used to hash ~30 MB of
 * model files (the converted nets' sources and the nets themselves, the voice activity model) to name cached
 * conversions and record provenance: about half a CPU-second of a 5 CPU-second {@code predict} on a short clip. A
 * memo that cannot be read or written only costs that time again.
 */
public final class HashMemo {
    static final long RACY_MILLIS = 2000;
    private final Path dir;

    /**
     * A memo kept in {@code dir}.
     *
     * @param dir the folder of the memo files (created when first written)
     */
    public HashMemo(Path dir) {
        this.dir = dir;
    }

    /** The memo of the model cache ({@link Locations#models()}, its {@code hashes/} folder). */
    public static HashMemo models() {
        return new HashMemo(Locations.models().resolve("hashes"));
    }

    /**
     * SHA-256 of one file's content, hex (as {@code sha256sum} prints it), remembered in the model cache's memo.
     *
     * @param file the file
     * @return its hash
     */
    public static String sha256(Path file) {
        return models().get("sha256", List.of(file), () -> Sha256.of(file));
    }

    /**
     * The value {@code compute} gives for {@code files}, from the memo when it was computed on files of the same
     * stamps under the same {@code what}.
     *
     * @param what    what the value is (part of the memo's key)
     * @param files   the files it is computed over
     * @param compute computes it (a 64-hex-digit value is remembered)
     * @return the value
     */
    public String get(String what, List<Path> files, Supplier<String> compute) {
        String stamps;
        try {
            stamps = stamps(files);
        } catch (IOException e) {
            return compute.get(); // a missing file: let the computation say so
        }
        Path memo = dir.resolve(Sha256.of(what + "\n" + stamps).substring(0, 24) + ".sha256");
        try {
            List<String> lines = Files.readAllLines(memo, StandardCharsets.UTF_8);
            if (lines.size() == 2 && lines.get(0).equals(what) && lines.get(1).matches("[0-9a-f]{64}")) return lines.get(1);
        } catch (IOException e) {
            // not remembered yet
        }
        String value = compute.get();
        // a file changed within the clock's granularity of its last change could change again unseen (same size and
        // time): as git does, such a file is not remembered until it has been still for a while
        if (newest(files) > System.currentTimeMillis() - RACY_MILLIS) return value;
        try {
            AtomicFiles.writeString(memo, what + "\n" + value + "\n");
        } catch (RuntimeException e) {
            // read-only cache: computed again next time
        }
        return value;
    }

    private static long newest(List<Path> files) {
        long t = Long.MIN_VALUE;
        for (Path f : files) {
            try {
                t = Math.max(t, Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                return Long.MAX_VALUE;
            }
        }
        return t;
    }

    private static String stamps(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>(files.size());
        for (Path f : files) {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            if (!a.isRegularFile()) throw new IOException(f + " is not a file");
            out.add(f.toAbsolutePath().normalize() + "\t" + a.size() + "\t" + a.lastModifiedTime().toInstant());
        }
        return String.join("\n", out);
    }
}
