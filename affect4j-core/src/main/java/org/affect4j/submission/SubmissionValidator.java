package org.affect4j.submission;

import org.affect4j.data.DataLines;
import org.affect4j.data.PredictionFormat;
import org.affect4j.data.SubmissionRow;
import org.affect4j.data.VideoFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Checks an ABAW EXPR submission directory against the expected videos and frame counts and reports <em>every</em>
 * problem, not just the first, so one run shows all that must be fixed before uploading: missing video files,
 * files for unexpected videos, an empty file, a wrong or missing header (the exact header is required),
 * malformed rows, labels outside 0..7, an {@code image_location} of another video, with a malformed number or out
 * of order, duplicate frames, and missing or extra frames (as ranges).
 *
 * <p>Row problems are capped at {@link #MAX_PROBLEMS_PER_FILE} per file (then one line counts the rest), so a file
 * that is wrong on every one of its 50,000 rows does not bury the other files' problems. Files are streamed.
 * Stateless.
 */
public final class SubmissionValidator {
    /** Row problems reported per file before the rest are only counted. */
    public static final int MAX_PROBLEMS_PER_FILE = 20;

    private SubmissionValidator() {
    }

    /** Validates the submission in {@code dir}. */
    public static ValidationReport validate(Path dir, ExpectedVideos expected) {
        VideoFiles files = VideoFiles.of(dir);
        List<SubmissionProblem> problems = new ArrayList<>();
        for (String name : expected.names()) {
            Path file = files.file(name);
            if (!files.contains(name)) {
                problems.add(new SubmissionProblem(file, 0, "missing: no submission file for video " + name
                        + " (" + expected.frames(name) + " frames expected)"));
            } else {
                problems.addAll(new FileCheck(file, name, expected.frames(name)).run());
            }
        }
        for (String name : files.names()) {
            if (!expected.contains(name)) {
                problems.add(new SubmissionProblem(files.file(name), 0, "unexpected: video " + name + " is not among the expected videos"));
            }
        }
        return new ValidationReport(expected.names().size(), problems);
    }

    /** The checks of one file; one instance per file. */
    private static final class FileCheck {
        private final Path file;
        private final String video;
        private final int expectedFrames;
        private final List<SubmissionProblem> problems = new ArrayList<>();
        private int suppressed;
        private final BitSet seen = new BitSet();
        private int previousFrame;

        FileCheck(Path file, String video, int expectedFrames) {
            this.file = file;
            this.video = video;
            this.expectedFrames = expectedFrames;
        }

        List<SubmissionProblem> run() {
            try (DataLines in = DataLines.open(file)) {
                String line = in.next();
                if (line == null) {
                    problems.add(new SubmissionProblem(file, 0, "empty file, expected the header "
                            + PredictionFormat.SUBMISSION.header() + " and " + expectedFrames + " rows"));
                    return problems;
                }
                if (!line.equals(PredictionFormat.SUBMISSION.header())) {
                    boolean looksLikeRow = line.contains(".jpg");
                    report(1, (looksLikeRow ? "missing header" : "wrong header '" + line + "'")
                            + ", expected exactly '" + PredictionFormat.SUBMISSION.header() + "'");
                    if (looksLikeRow) row(1, line);
                }
                while ((line = in.next()) != null) {
                    row(in.lineNumber(), line);
                }
            }
            frameCoverage();
            if (suppressed > 0) {
                problems.add(new SubmissionProblem(file, 0, suppressed + " more row problems not listed"));
            }
            return problems;
        }

        private void row(int lineNumber, String line) {
            if (line.isEmpty()) {
                report(lineNumber, "blank line");
                return;
            }
            int comma = line.lastIndexOf(',');
            if (comma < 0 || line.indexOf(',') != comma) {
                report(lineNumber, "expected '" + SubmissionRow.imageLocation(video, previousFrame + 1) + ",<label>', found '" + line + "'");
                return;
            }
            // the label and the location are checked independently so one bad field does not hide the other
            try {
                SubmissionRow.parseLabel(line.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                report(lineNumber, e.getMessage());
            }
            SubmissionRow.Location location;
            try {
                location = SubmissionRow.parseLocation(line.substring(0, comma));
            } catch (IllegalArgumentException e) {
                report(lineNumber, e.getMessage());
                previousFrame++; // assume it stood for the next frame, so one bad row does not shift all later ones
                return;
            }
            if (!location.video().equals(video)) {
                report(lineNumber, "image_location names video '" + location.video() + "', expected '" + video + "'");
            }
            int frame = location.frame();
            if (seen.get(frame)) {
                report(lineNumber, "duplicate row for frame " + frame);
            } else if (frame != previousFrame + 1) {
                report(lineNumber, "frame " + frame + " out of order, expected "
                        + SubmissionRow.imageLocation(video, previousFrame + 1));
            }
            seen.set(frame);
            previousFrame = frame;
        }

        /** Missing and extra frames as ranges, one problem each. */
        private void frameCoverage() {
            BitSet missing = new BitSet();
            missing.set(1, expectedFrames + 1);
            missing.andNot(seen);
            if (!missing.isEmpty()) {
                problems.add(new SubmissionProblem(file, 0, "missing " + missing.cardinality() + " of " + expectedFrames
                        + " frames: " + ranges(missing)));
            }
            BitSet extra = (BitSet) seen.clone();
            extra.clear(0, expectedFrames + 1);
            if (!extra.isEmpty()) {
                problems.add(new SubmissionProblem(file, 0, extra.cardinality() + " extra frames beyond the video's "
                        + expectedFrames + ": " + ranges(extra)));
            }
        }

        private void report(int line, String message) {
            if (problems.size() < MAX_PROBLEMS_PER_FILE) {
                problems.add(new SubmissionProblem(file, line, message));
            } else {
                suppressed++;
            }
        }

        /** {@code 3, 7-9, 12} (at most 10 ranges, then a count). */
        private static String ranges(BitSet frames) {
            StringBuilder s = new StringBuilder();
            int shown = 0;
            int ranges = 0;
            for (int start = frames.nextSetBit(0); start >= 0; start = frames.nextSetBit(start)) {
                int end = frames.nextClearBit(start) - 1;
                ranges++;
                if (shown < 10) {
                    if (shown > 0) s.append(", ");
                    s.append(start == end ? Integer.toString(start) : start + "-" + end);
                    shown++;
                }
                start = end + 1;
            }
            if (ranges > shown) s.append(" and ").append(ranges - shown).append(" more ranges");
            return s.toString();
        }
    }
}
