package org.affect4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one per-video prediction file in any {@link PredictionFormat}, telling the format from the header.
 * Every rule of the format is checked and the first violation is thrown as a {@link DataFormatException}
 * naming the file and line. The file is streamed line by line; only the result is held in memory.
 *
 * <p>The video name is the file name without {@code .txt}; in the submission format each row's
 * {@code image_location} must carry that name and the frame numbers must run 1, 2, 3, ... without gaps.
 */
public final class PredictionReader {
    private PredictionReader() {
    }

    /** The format of {@code file}, from its first line. */
    public static PredictionFormat detect(Path file) {
        try (DataLines lines = DataLines.open(file)) {
            return format(lines);
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws DataFormatException on an unknown header or any malformed row (message {@code file:line: ...})
     */
    public static FramePredictions read(Path file) {
        try (DataLines lines = DataLines.open(file)) {
            PredictionFormat format = format(lines);
            return switch (format) {
                // the same rules as gold files, so one reader serves both
                case ANNOTATION -> FramePredictions.ofLabels(ExprAnnotations.read(file));
                case SUBMISSION -> readSubmission(lines, videoName(file));
                case PROBABILITIES -> readProbabilities(lines);
            };
        }
    }

    /** The video name a prediction file stands for: its file name without {@code .txt}. */
    public static String videoName(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(PredictionFormat.EXTENSION) ? f.substring(0, f.length() - PredictionFormat.EXTENSION.length()) : f;
    }

    private static PredictionFormat format(DataLines lines) {
        String header = lines.next();
        if (header == null) {
            throw new DataFormatException(lines.file(), "is empty, expected the header " + PredictionFormat.expectedHeaders());
        }
        return PredictionFormat.detect(header).orElseThrow(() -> lines.error(
                "unknown header '" + abbreviate(header) + "', expected " + PredictionFormat.expectedHeaders()));
    }

    private static FramePredictions readSubmission(DataLines lines, String video) {
        IntList labels = new IntList();
        String line;
        while ((line = lines.next()) != null) {
            requireNotBlank(lines, line);
            SubmissionRow row;
            try {
                row = SubmissionRow.parse(line);
            } catch (IllegalArgumentException e) {
                throw lines.error(e.getMessage());
            }
            int expectedFrame = labels.size() + 1;
            if (!row.video().equals(video) || row.frame() != expectedFrame) {
                throw lines.error("image_location '" + SubmissionRow.imageLocation(row.video(), row.frame())
                        + "', expected '" + SubmissionRow.imageLocation(video, expectedFrame) + "'");
            }
            labels.add(row.label());
        }
        requireFrames(lines, labels.size());
        return FramePredictions.ofLabels(labels.toArray());
    }

    private static FramePredictions readProbabilities(DataLines lines) {
        List<double[]> rows = new ArrayList<>();
        String line;
        while ((line = lines.next()) != null) {
            requireNotBlank(lines, line);
            String[] fields = line.split(",", -1);
            if (fields.length != ExprClass.COUNT + 1) {
                throw lines.error(fields.length + " fields, expected 9: '<frame>,<p0>,...,<p7>'");
            }
            int expectedFrame = rows.size() + 1;
            if (!fields[0].strip().equals(Integer.toString(expectedFrame))) {
                throw lines.error("frame '" + fields[0].strip() + "', expected " + expectedFrame);
            }
            double[] p = new double[ExprClass.COUNT];
            for (int c = 0; c < ExprClass.COUNT; c++) {
                p[c] = parseProbability(lines, fields[c + 1], c);
            }
            rows.add(p);
        }
        requireFrames(lines, rows.size());
        return FramePredictions.ofProbabilities(rows.toArray(new double[0][]));
    }

    private static void requireFrames(DataLines lines, int frames) {
        if (frames == 0) throw new DataFormatException(lines.file(), "has a header but no frames");
    }

    private static void requireNotBlank(DataLines lines, String line) {
        if (line.isEmpty()) throw lines.error("blank line inside the rows (every frame needs one line)");
    }

    private static double parseProbability(DataLines lines, String token, int cls) {
        String t = token.strip();
        double p;
        try {
            p = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw lines.error(ExprClass.of(cls).displayName() + " probability '" + t + "' is not a number");
        }
        if (!(p >= 0) || Double.isInfinite(p)) {
            throw lines.error(ExprClass.of(cls).displayName() + " probability " + t + " is not a finite non-negative number");
        }
        return p;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A growable int array, so long videos are not boxed frame by frame. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
