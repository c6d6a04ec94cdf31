package org.affect4j.data;

import org.affect4j.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes one per-video prediction file in the {@link PredictionFormat#ANNOTATION annotation} or
 * {@link PredictionFormat#PROBABILITIES probabilities} format, atomically (temporary file, then rename), with
 * {@code \n} line ends. The ABAW submission format has its own writer in {@code org.affect4j.submission}.
 */
public final class PredictionWriter {
    private PredictionWriter() {
    }

    /**
     * Writes the probabilities if {@code predictions} has them, otherwise the labels.
     *
     * @throws IllegalArgumentException if it has probabilities and a frame without prediction
     */
    public static void write(Path file, FramePredictions predictions) {
        if (predictions.hasProbabilities()) {
            writeProbabilities(file, predictions);
        } else {
            writeLabels(file, predictions);
        }
    }

    /** Writes the labels in the Aff-Wild2 annotation format (-1 where there is no prediction). */
    public static void writeLabels(Path file, FramePredictions predictions) {
        writeText(file, w -> {
            w.write(PredictionFormat.ANNOTATION.header());
            w.write('\n');
            for (int i = 0; i < predictions.frames(); i++) {
                w.write(Integer.toString(predictions.label(i)));
                w.write('\n');
            }
        });
    }

    /**
     * Writes the probabilities, rounded to float32 (shortest decimal that reads back to the same float), which
     * keeps files small and is all the precision a model's softmax carries.
     *
     * @throws IllegalArgumentException if {@code predictions} carries labels only, or a frame has no prediction (the
     *                                  format has no row for "no prediction"; write the labels instead)
     */
    public static void writeProbabilities(Path file, FramePredictions predictions) {
        if (!predictions.hasProbabilities()) {
            throw new IllegalArgumentException("cannot write " + file + " as probabilities: the predictions carry labels only");
        }
        for (int i = 0; i < predictions.frames(); i++) {
            if (!predictions.isLabelled(i)) {
                throw new IllegalArgumentException("cannot write " + file + " as probabilities: frame " + (i + 1)
                        + " has no prediction, which the probabilities format cannot hold; write the labels instead");
            }
        }
        writeText(file, w -> {
            w.write(PredictionFormat.PROBABILITIES.header());
            w.write('\n');
            StringBuilder row = new StringBuilder(128);
            for (int i = 0; i < predictions.frames(); i++) {
                row.setLength(0);
                row.append(i + 1);
                for (int c = 0; c < ExprClass.COUNT; c++) {
                    row.append(',').append((float) predictions.probability(i, c));
                }
                w.write(row.append('\n').toString());
            }
        });
    }

    /** Something that writes a text file's content. */
    @FunctionalInterface
    public interface TextBody {
        /** Writes the content; the writer is flushed and closed by the caller. */
        void write(Writer w) throws IOException;
    }

    /** Writes a UTF-8 text file atomically; the submission writer uses it too, so all prediction files are written alike. */
    public static void writeText(Path file, TextBody body) {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }
}
