package org.affect4j.data;

import java.util.Optional;

/**
 * The per-video prediction file formats affect4j reads and writes. All are UTF-8 text, one file
 * {@code <name>.txt} per video (or per person, {@code <video>_left.txt} / {@code <video>_right.txt}),
 * with one row per frame in frame order; the header (first line) tells them apart.
 *
 * <ul>
 *   <li>{@link #ANNOTATION}: the Aff-Wild2 EXPR annotation format. Header
 *       {@code Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other}, then one integer label per line;
 *       line {@code i + 1} is frame {@code i} (1-based). {@code -1} means "no label".</li>
 *   <li>{@link #SUBMISSION}: the ABAW challenge submission format. Header {@code image_location,} + the 8 names,
 *       then rows {@code <name>/<NNNNN>.jpg,<label>} with the 1-based frame number on 5 digits and a label 0..7.</li>
 *   <li>{@link #PROBABILITIES}: affect4j's per-frame probabilities, for ensembles. Header {@code frame,} + the 8
 *       names, then rows {@code <frame>,<p0>,...,<p7>} with the 1-based frame number and 8 finite, non-negative
 *       decimal numbers (written at float32 precision). They need not sum to 1: probability averaging only
 *       compares them. Python: {@code pandas.read_csv(path, index_col="frame")}.</li>
 * </ul>
 */
public enum PredictionFormat {
    /** Aff-Wild2 annotation format: one label per line. */
    ANNOTATION(ExprClass.HEADER),
    /** ABAW submission format: {@code <name>/<NNNNN>.jpg,<label>} per line. */
    SUBMISSION("image_location," + ExprClass.HEADER),
    /** Per-frame probabilities: {@code <frame>,<p0>,...,<p7>} per line. */
    PROBABILITIES("frame," + ExprClass.HEADER);

    /** File name extension of every prediction file. */
    public static final String EXTENSION = ".txt";

    private final String header;

    PredictionFormat(String header) {
        this.header = header;
    }

    /** The exact header line (first line) of files in this format. */
    public String header() {
        return header;
    }

    /**
     * The format whose header is {@code firstLine}, or empty if it is none of them. Spaces and letter case are
     * ignored, as {@link ExprAnnotations} does for gold files, so a hand-edited header still reads; the submission
     * validator is the place that insists on the exact header.
     */
    public static Optional<PredictionFormat> detect(String firstLine) {
        if (firstLine == null) return Optional.empty();
        String h = firstLine.replace(" ", "");
        for (PredictionFormat f : values()) {
            if (f.header.equalsIgnoreCase(h)) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The accepted headers, for error messages. */
    public static String expectedHeaders() {
        StringBuilder s = new StringBuilder();
        for (PredictionFormat f : values()) {
            if (s.length() > 0) s.append(" or ");
            s.append('\'').append(f.header).append('\'');
        }
        return s.toString();
    }
}
