package org.affect4j.inference;

import org.affect4j.runs.Checkpoints;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which checkpoint of a run predicts: the best epoch, the last one, a named checkpoint ({@code epoch-0007},
 * {@code average-0006-0007}) or the parameter average of the last K epochs (METHOD §4,
 * {@link RunPredictor#loadAveraged}). One place for the rule, so {@code evaluate}, cross-validation folds and
 * ablation cells all predict from a run the same way. The text form ({@link #toString()}, {@link #parse}) is
 * {@code best}, {@code last}, {@code average-K} (K of 1 to 3 digits) or a checkpoint name (whose averages list
 * 4-digit epochs: {@code average-0003} is the folder of epoch 3 averaged alone, {@code average-3} the last 3 epochs).
 *
 * @param name    checkpoint name, or null when averaging
 * @param average how many last epochs are averaged, 0 when {@code name} is used
 */
public record CheckpointChoice(String name, int average) implements Serializable {
    /** The best validation epoch (the last one when the run has no best). */
    public static final CheckpointChoice BEST = new CheckpointChoice("best", 0);
    /** The last epoch. */
    public static final CheckpointChoice LAST = new CheckpointChoice("last", 0);
    private static final String AVERAGE = Checkpoints.AVERAGE;
    private static final java.util.regex.Pattern LAST_K = java.util.regex.Pattern.compile("average-(\\d{1,3})");
    private static final java.util.regex.Pattern FOLDER = java.util.regex.Pattern.compile("average-\\d{4,}(-\\d{4,})*");

    public CheckpointChoice {
        if ((name == null) == (average == 0)) {
            throw new IllegalArgumentException("a checkpoint choice is either a name or an average, not " + name + "/" + average);
        }
        if (average < 0) throw new IllegalArgumentException("checkpoint averaging needs K >= 1 checkpoints, got " + average);
        if (name != null && (name.isBlank() || name.contains("/") || name.contains("\\"))) {
            throw new IllegalArgumentException("'" + name + "' is not a checkpoint name (best, last, epoch-0007, ...)");
        }
    }

    /** The average of the last {@code k} epoch checkpoints; the run must keep them ({@code training.keepCheckpoints >= k}). */
    public static CheckpointChoice averageLast(int k) {
        if (k < 1) throw new IllegalArgumentException("checkpoint averaging needs K >= 1 checkpoints, got " + k);
        return new CheckpointChoice(null, k);
    }

    /**
     * The choice of the {@code evaluate} options: at most one of {@code last}, {@code average > 0} and a name.
     *
     * @throws IllegalArgumentException for a negative K or two choices at once
     */
    public static CheckpointChoice of(boolean last, int average, String name) {
        if (average < 0) throw new IllegalArgumentException("--average must be >= 0 (0 = off), got " + average);
        int given = (last ? 1 : 0) + (average > 0 ? 1 : 0) + (name != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("--last, --average and --checkpoint exclude each other");
        if (average > 0) return averageLast(average);
        if (name != null) return parse(name);
        return last ? LAST : BEST;
    }

    /** Reads the text form ({@code best}, {@code last}, {@code average-K} or a checkpoint name). */
    public static CheckpointChoice parse(String s) {
        java.util.regex.Matcher k = LAST_K.matcher(s);
        if (k.matches()) return averageLast(Integer.parseInt(k.group(1)));
        if (s.startsWith(AVERAGE) && !FOLDER.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + s + "' is neither average-K with a whole number K nor an averaged"
                    + " checkpoint average-NNNN-NNNN");
        }
        return s.equals(BEST.name) ? BEST : s.equals(LAST.name) ? LAST : new CheckpointChoice(s, 0);
    }

    /** True for the average of the last epochs. */
    public boolean averaged() {
        return average > 0;
    }

    /**
     * Loads the chosen checkpoint of a run (averaging first when asked; the average is written once as
     * {@code checkpoints/average-<epochs>/}).
     *
     * @throws IllegalArgumentException when the run lacks the checkpoint(s) (the training library's message)
     */
    public RunPredictor open(Path runDir) {
        if (averaged()) return RunPredictor.loadAveraged(runDir, average);
        if (this.equals(BEST)) return RunPredictor.load(runDir, false);
        if (this.equals(LAST)) return RunPredictor.load(runDir, true);
        return RunPredictor.load(runDir, name);
    }

    @Override
    public String toString() {
        return averaged() ? AVERAGE + average : name;
    }
}
