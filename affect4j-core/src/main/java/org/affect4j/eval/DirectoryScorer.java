package org.affect4j.eval;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionReader;
import org.affect4j.data.VideoFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * Scores a directory of predictions against a directory of gold annotation files, as the {@code score} command
 * does: every gold file {@code <name>.txt} (Aff-Wild2 annotation format; {@code <video>_left} / {@code _right}
 * files are simply two names) needs a prediction file {@code <name>.txt} in any
 * {@link org.affect4j.data.PredictionFormat} with exactly as many frames, and a label 0..7 on every frame the gold
 * file annotates. Videos are read one at a time, so memory does not grow with the corpus.
 *
 * <p>Prediction files without a gold file are not scored (a test-set submission usually holds more videos than
 * the validation gold); {@link #predictionsWithoutGold()} names them so a caller can warn. Immutable.
 */
public final class DirectoryScorer {
    private final VideoFiles gold;
    private final VideoFiles predictions;

    /**
     * @param goldDir       directory of gold annotation files
     * @param predictionDir directory of prediction files
     * @throws DataFormatException if either is not a directory or the gold directory holds no {@code .txt} file
     */
    public DirectoryScorer(Path goldDir, Path predictionDir) {
        this.gold = VideoFiles.of(goldDir);
        this.predictions = VideoFiles.of(predictionDir);
        if (gold.names().isEmpty()) {
            throw new DataFormatException(goldDir, "holds no annotation files <name>.txt");
        }
    }

    /**
     * Scores every gold video.
     *
     * @throws DataFormatException at the first problem, naming the file and line: a missing prediction file,
     *                             a malformed gold or prediction file, a frame count mismatch, or an annotated
     *                             frame without a prediction
     */
    public Evaluation score() {
        Evaluator evaluator = new Evaluator();
        for (String name : gold.names()) {
            Path goldFile = gold.file(name);
            Path predFile = predictions.file(name);
            if (!predictions.contains(name)) {
                throw new DataFormatException(predFile, "missing: no prediction for gold video " + name + " (" + goldFile + ")");
            }
            int[] goldLabels = ExprAnnotations.read(goldFile);
            FramePredictions predicted = PredictionReader.read(predFile);
            checkMatches(goldLabels, goldFile, predicted, predFile);
            evaluator.add(goldLabels, predicted);
        }
        return evaluator.evaluate();
    }

    /** Names of prediction files that have no gold file (and so are not scored), sorted. */
    public List<String> predictionsWithoutGold() {
        return predictions.names().stream().filter(n -> !gold.contains(n)).toList();
    }

    /** Reports a mismatch in the terms of the files (line numbers count the header as line 1). */
    private static void checkMatches(int[] goldLabels, Path goldFile, FramePredictions predicted, Path predFile) {
        if (predicted.frames() != goldLabels.length) {
            // point at the first extra row, or at the last row when rows are missing
            int line = predicted.frames() > goldLabels.length ? goldLabels.length + 2 : predicted.frames() + 1;
            throw new DataFormatException(predFile, line, predicted.frames() + " prediction rows, but the gold file "
                    + goldFile + " has " + goldLabels.length + " frames");
        }
        for (int i = 0; i < goldLabels.length; i++) {
            if (goldLabels[i] != ExprClass.UNANNOTATED && predicted.label(i) == ExprClass.UNANNOTATED) {
                throw new DataFormatException(predFile, i + 2, "frame " + (i + 1) + " has no prediction (-1) but is annotated in "
                        + goldFile);
            }
        }
    }
}
