package org.affect4j.data;

import java.nio.file.Path;

/**
 * Input data that does not follow its format: a wrong header, a label outside 0..7, a missing video,
 * a row count that disagrees with the gold file. The message always names the file and, where there is
 * one, the 1-based line, in the compiler-like form {@code path:line: what was wrong}, so a user can jump to it.
 *
 * <p>Unchecked because callers cannot repair the file; the command line maps it to exit code 3
 * ("bad input data").
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * A problem at one line of a file.
     *
     * @param file the offending file
     * @param line 1-based line number (the header is line 1); 0 or less when the problem concerns the whole file
     * @param message what was wrong and what was expected
     */
    public DataFormatException(Path file, int line, String message) {
        super(location(file, line) + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** A problem with a whole file (or a file that should exist and does not). */
    public DataFormatException(Path file, String message) {
        this(file, 0, message);
    }

    /** A problem that concerns no single file, e.g. two inputs that disagree; name them in the message. */
    public DataFormatException(String message) {
        super(message);
        this.file = null;
        this.line = 0;
    }

    /** The offending file, or {@code null} if the problem concerns no single file. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** {@code path:line}, or just {@code path} when no line applies. */
    public static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
