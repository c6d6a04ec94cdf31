package org.affect4j.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a line-based data file with 1-based line numbers for error messages, forgiving only what editors
 * and other tools add without asking: a UTF-8 byte-order mark, {@code \r\n} line ends, trailing spaces and
 * blank lines at the very end. A blank line <em>between</em> data rows is returned as {@code ""} so the
 * caller reports it: silently skipping it would shift every later frame by one.
 *
 * <p>Not thread-safe; close it (try-with-resources).
 */
public final class DataLines implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private int lineNumber;
    /** Blank lines read ahead that turned out to be followed by data. */
    private int pendingBlanks;
    /** The data line found after {@link #pendingBlanks}, returned once they are used up. */
    private String pendingLine;

    private DataLines(Path file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    /**
     * Opens {@code file} as UTF-8.
     *
     * @throws DataFormatException if the file does not exist
     * @throws UncheckedIOException on other I/O errors
     */
    public static DataLines open(Path file) {
        try {
            return new DataLines(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** 1-based number of the line last returned by {@link #next()}. */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its line end and trailing white space, {@code ""} for a blank line that is
     * followed by data, or {@code null} at the end of the data.
     */
    public String next() {
        if (pendingBlanks > 0) {
            pendingBlanks--;
            lineNumber++;
            return "";
        }
        if (pendingLine != null) {
            String line = pendingLine;
            pendingLine = null;
            lineNumber++;
            return line;
        }
        String line = read();
        if (line == null) return null;
        if (!line.isEmpty()) {
            lineNumber++;
            return line;
        }
        // a blank line: look ahead to tell trailing blank lines (harmless) from a gap in the data
        int blanks = 1;
        String ahead;
        while ((ahead = read()) != null && ahead.isEmpty()) blanks++;
        if (ahead == null) return null;
        pendingBlanks = blanks - 1;
        pendingLine = ahead;
        lineNumber++;
        return "";
    }

    private String read() {
        try {
            String line = in.readLine();
            if (line == null) return null;
            if (lineNumber == 0 && pendingLine == null && line.startsWith("\uFEFF")) line = line.substring(1);
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A {@link DataFormatException} located at the line last returned. */
    public DataFormatException error(String message) {
        return new DataFormatException(file, lineNumber, message);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
