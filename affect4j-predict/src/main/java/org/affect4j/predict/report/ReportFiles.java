package org.affect4j.predict.report;

import org.affect4j.data.LabelFill;
import org.affect4j.data.VideoFiles;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.submission.SubmissionWriter;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Phases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Writes all output files of one input into an output directory, as a whole: {@code frames.csv}, the ABAW
 * submission file {@code <name>.txt}, {@code timeline.png} and {@code report.html}. The ABAW file labels every frame:
 * frames without prediction take the label of the nearest labelled frame by {@link LabelFill} (the report says so).
 *
 * <p>Everything is first written into a temporary directory next to the output directory (same file system), then
 * published by renames: the whole directory in one rename when the output directory does not exist yet, otherwise
 * file by file, replacing older files of the same names and leaving other files alone. A failure while writing (a
 * face box that is not 4 numbers, a full disk) therefore leaves the output directory as it was, and the temporary directory is
 * removed. The report goes last, so a present report means its companions are the ones it describes.
 */
public final class ReportFiles {
    /** File names of the fixed outputs; the ABAW file is {@code <name>.txt}. */
    public static final String FRAMES_CSV = "frames.csv", TIMELINE_PNG = "timeline.png", REPORT_HTML = "report.html";
    /** Size of the timeline image: wide enough to stay sharp at the report's full width. */
    public static final int TIMELINE_WIDTH = 1400, TIMELINE_HEIGHT = 520;

    /**
     * The files written.
     *
     * @param framesCsv   {@code frames.csv}
     * @param predictions the ABAW submission file {@code <name>.txt}
     * @param timeline    {@code timeline.png}
     * @param report      {@code report.html}
     */
    public record Written(Path framesCsv, Path predictions, Path timeline, Path report) {
        /** The files in the order they are published. */
        public List<Path> all() {
            return List.of(framesCsv, predictions, timeline, report);
        }
    }

    private ReportFiles() {
    }

    /**
     * Writes the four files of {@code track} into {@code outDir}, creating it if needed.
     *
     * @return the files, in {@code outDir}
     * @throws IllegalArgumentException if {@code outDir} is not a directory or cannot be written or created, or if
     *                                  the track cannot be written as an ABAW file (a name with {@code /} or
     *                                  {@code ,}); nothing is then written
     * @throws UncheckedIOException     on an I/O error; nothing is then written
     */
    public static Written writeAll(ExpressionTrack track, Path outDir) {
        return writeAll(track, outDir, Files::isWritable);
    }

    /**
     * Fails now, before any work, if {@link #writeAll} could not create or write {@code outDir}.
     *
     * @throws IllegalArgumentException naming the folder and why
     */
    public static void checkOutput(Path outDir) {
        checkTarget(outDir.toAbsolutePath().normalize(), Files::isWritable);
    }

    /** {@link #writeAll(ExpressionTrack, Path)} with the writability test as a seam, as root can write anywhere. */
    static Written writeAll(ExpressionTrack track, Path outDir, Predicate<Path> writable) {
        Path out = outDir.toAbsolutePath().normalize();
        checkName(track.name());
        checkTarget(out, writable);
        Path staging = createStaging(out, writable);
        try {
            Written staged = writeInto(track, staging);
            useDefaultFileMode(staged, staging);
            return publish(staged, staging, in(out, track.name()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + out + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTreeQuietly(staging); // gone already after a directory rename; otherwise what a failure left behind
        }
    }

    /** Writes the four files into {@code dir}; the report last, as it inlines the timeline. */
    private static Written writeInto(ExpressionTrack track, Path dir) {
        Written w = in(dir, track.name());
        FramesCsv.write(track, w.framesCsv());
        SubmissionWriter.write(dir, track.name(), LabelFill.of(track.predictions()).predictions());
        Phases.mark("frames.csv and ABAW file written");
        TimelinePlot.write(track, w.timeline(), TIMELINE_WIDTH, TIMELINE_HEIGHT);
        Phases.mark("timeline.png written");
        HtmlReport.write(track, w.timeline(), w.report());
        Phases.mark("report.html written");
        return w;
    }

    private static Written in(Path dir, String name) {
        return new Written(dir.resolve(FRAMES_CSV), VideoFiles.file(dir, name), dir.resolve(TIMELINE_PNG),
                dir.resolve(REPORT_HTML));
    }

    private static Written publish(Written staged, Path staging, Written target) throws IOException {
        Path out = target.report().getParent();
        if (!Files.exists(out)) {
            try {
                Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (AtomicMoveNotSupportedException e) {
                Files.createDirectories(out); // then file by file, below
            }
        }
        List<Path> from = staged.all(), to = target.all();
        for (int k = 0; k < from.size(); k++) AtomicFiles.moveIntoPlace(from.get(k), to.get(k));
        return target;
    }

    /**
     * A new empty directory for the files before publication: next to {@code out}, so the final renames stay on one
     * file system and a crash leaves nothing inside {@code out}; inside {@code out} (hidden) when only {@code out}
     * itself is writable. Made with {@link Files#createDirectory} rather than {@code createTempDirectory}, whose
     * owner-only mode the output directory would keep after the rename.
     */
    private static Path createStaging(Path out, Predicate<Path> writable) {
        Path parent = out.getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
            Path home = parent != null && writable.test(parent) ? parent : out;
            String prefix = home == out ? ".affect4j-" : "." + out.getFileName() + ".";
            while (true) {
                try {
                    String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
                    return Files.createDirectory(home.resolve(prefix + random + ".tmp"));
                } catch (FileAlreadyExistsException e) {
                    // another run picked the same name: draw again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the staged files the mode a plain new file gets (the user's umask): they were written through temporary
     * files, which are owner-only, and a report is meant to be shared like any file the user saves.
     */
    private static void useDefaultFileMode(Written staged, Path staging) throws IOException {
        if (!Files.getFileStore(staging).supportsFileAttributeView("posix")) return;
        Path probe = Files.createFile(staging.resolve(".mode"));
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(probe);
            for (Path p : staged.all()) Files.setPosixFilePermissions(p, mode);
        } finally {
            Files.delete(probe);
        }
    }

    private static void checkTarget(Path out, Predicate<Path> writable) {
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) throw new IllegalArgumentException("output " + out + " exists and is not a directory");
            if (!writable.test(out)) throw new IllegalArgumentException("output directory " + out + " is not writable");
            return;
        }
        Path existing = out.getParent();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && (!Files.isDirectory(existing) || !writable.test(existing))) {
            throw new IllegalArgumentException("cannot create output directory " + out + ": " + existing
                    + (Files.isDirectory(existing) ? " is not writable" : " is not a directory"));
        }
    }

    /** The name becomes a file name and the ABAW {@code image_location} prefix, which allow neither. */
    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..")
                || name.contains("/") || name.contains("\\") || name.contains(",")) {
            throw new IllegalArgumentException("input name '" + name + "' cannot name the output files: "
                    + "it must be a non-empty file name without '/', '\\' or ','");
        }
    }
}
