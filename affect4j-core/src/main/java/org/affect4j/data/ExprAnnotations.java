package org.affect4j.data;

import org.affect4j.util.AtomicFiles;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One Aff-Wild2 EXPR annotation file: the header {@value ExprClass#HEADER}, then one integer per line, line i
 * (1-based after the header) for frame i; {@code -1} marks a frame without annotation (skipped in training and
 * scoring).
 */
public final class ExprAnnotations {
    private ExprAnnotations() {
    }

    /**
     * Reads the per-frame labels of one file ({@code labels[i]} is frame i+1 of the video, 0-based array).
     *
     * @throws DataFormatException naming file and line for a wrong header, a non-integer, a label outside -1..7,
     *                             a blank line between data rows, or a file with no frames
     */
    public static int[] read(Path file) {
        try (DataLines in = DataLines.open(file)) {
            String header = in.next();
            if (header == null) throw new DataFormatException(file, "is empty, expected the header " + ExprClass.HEADER);
            if (!header.replace(" ", "").equalsIgnoreCase(ExprClass.HEADER)) {
                throw in.error("wrong header '" + abbreviate(header) + "', expected " + ExprClass.HEADER);
            }
            int[] labels = new int[1024];
            int n = 0;
            String line;
            while ((line = in.next()) != null) {
                if (line.isEmpty()) throw in.error("blank line inside the labels (every frame needs one line)");
                int label;
                try {
                    label = PredictionLabels.parse(line, true);
                } catch (IllegalArgumentException e) {
                    throw in.error(e.getMessage());
                }
                if (n == labels.length) labels = Arrays.copyOf(labels, n * 2);
                labels[n++] = label;
            }
            if (n == 0) throw new DataFormatException(file, "has a header but no frames");
            return Arrays.copyOf(labels, n);
        }
    }

    /** Writes labels (-1 allowed) in the annotation format, atomically. */
    public static void write(Path file, int[] labels) {
        StringBuilder sb = new StringBuilder(ExprClass.HEADER.length() + labels.length * 3);
        sb.append(ExprClass.HEADER).append('\n');
        for (int l : labels) {
            if (l < ExprClass.UNANNOTATED || l >= ExprClass.COUNT) {
                throw new IllegalArgumentException("label " + l + " is outside -1..7");
            }
            sb.append(l).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Number of annotated frames (label != -1). */
    public static int annotatedCount(int[] labels) {
        int n = 0;
        for (int l : labels) if (l != ExprClass.UNANNOTATED) n++;
        return n;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
