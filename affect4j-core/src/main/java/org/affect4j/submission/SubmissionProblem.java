package org.affect4j.submission;

import org.affect4j.data.DataFormatException;

import java.nio.file.Path;

/**
 * One problem found in a submission.
 *
 * @param file    the submission file concerned (for a missing video: the file that should exist)
 * @param line    1-based line (the header is line 1), or 0 when the problem concerns the whole file
 * @param message what is wrong and what was expected
 */
public record SubmissionProblem(Path file, int line, String message) {
    /** {@code file:line: message}, the same form as every other data error. */
    @Override
    public String toString() {
        return DataFormatException.location(file, line) + ": " + message;
    }
}
