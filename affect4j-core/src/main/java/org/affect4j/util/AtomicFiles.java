package org.affect4j.util;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Write-to-temporary-then-rename, so a reader (or a rerun after a crash) never sees a half-written file.
 * The temporary file sits in the target's directory so the rename stays on one file system.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a whole file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; on failure the target is untouched and the temporary file removed. */
    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(target);
            try (OutputStream out = new java.io.BufferedOutputStream(openLocked(tmp), 1 << 16)) {
                writer.write(out);
            }
            moveIntoPlace(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * The name of a new temporary file for {@code target}: {@code .NAME.RANDOM.tmp} beside it (hidden, and on the same
     * file system so the final rename is one).
     */
    public static Path tempPath(Path target) {
        return target.toAbsolutePath().resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    }

    /**
     * Creates an empty temporary file for {@code target} ({@link #tempPath}) with the mode of any new file (the umask:
     * 0644 usually); {@code Files.createTempFile} would make it, and so the final file, readable by its owner only.
     */
    public static Path createTemp(Path target) throws IOException {
        return Files.createFile(tempPath(target));
    }

    /**
     * Opens a temporary file for writing and takes an exclusive lock on it until the stream is closed: the lock tells
     * {@link #removeLeftovers} that its writer is alive (the operating system drops it when a process dies).
     */
    public static OutputStream openLocked(Path tmp) throws IOException {
        return java.nio.channels.Channels.newOutputStream(lockedChannel(tmp));
    }

    /** {@link #openLocked} as a channel (for writers that also write at a position). */
    public static java.nio.channels.FileChannel lockedChannel(Path tmp) throws IOException {
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
        try {
            ch.lock();
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A temporary file this young may still be between its creation and its writer's lock. */
    private static final long YOUNG_MILLIS = 5_000;

    /**
     * Deletes the temporary files of {@code target} ({@link #tempPath}) that a killed writer left: those no live
     * writer holds locked ({@link #openLocked}) and not modified in the last seconds. Temporary files of writers still
     * at work, in this process or another, are kept.
     */
    public static void removeLeftovers(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return;
        String prefix = "." + target.getFileName() + ".";
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                // the random part has no dot, so target "a" never takes ".a.npy.x.tmp" (target "a.npy"'s)
                return n.startsWith(prefix) && n.endsWith(".tmp") && n.indexOf('.', prefix.length()) == n.length() - 4;
            }).forEach(AtomicFiles::deleteIfAbandoned);
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover only wastes space, it is never read as a result
        }
    }

    private static void deleteIfAbandoned(Path tmp) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            if (System.currentTimeMillis() - Files.getLastModifiedTime(tmp).toMillis() < YOUNG_MILLIS) return;
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock == null) return; // another process writes it
            try {
                Files.deleteIfExists(tmp);
            } finally {
                lock.release();
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // a writer of this process holds it
        } catch (IOException e) {
            // gone already, or not ours to delete: it is never read as a result either way
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Renames {@code tmp} onto {@code target}, atomically where the file system allows. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a whole directory tree (children first); nothing happens if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(q);
        }
    }

    /** {@link #deleteTree} for clean-up paths: errors are ignored, a leftover temporary tree holds no result. */
    public static void deleteTreeQuietly(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // best effort, as for deleteQuietly
        }
    }

    /** Deletes a file if it exists, ignoring errors (clean-up paths only). */
    public static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a stray temporary file is harmless, the target was never touched
        }
    }
}
