package org.affect4j.training;

import org.affect4j.runs.EpochMetrics;

/**
 * Progress callbacks of {@link Training#run}, called on the training thread; implementations must be quick
 * (a progress bar, a log line). All methods default to doing nothing.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Training starts (or resumes).
     *
     * @param firstEpoch    1-based epoch about to run (greater than 1 when resuming)
     * @param epochs        last epoch
     * @param stepsPerEpoch steps of one epoch
     */
    default void onStart(int firstEpoch, int epochs, int stepsPerEpoch) {
    }

    /** A step finished; {@code loss} is the mean training loss of the epoch so far. */
    default void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
    }

    /** An epoch finished and was validated and checkpointed. */
    default void onEpoch(EpochMetrics metrics) {
    }

    /** Something the user should know that does not stop training (e.g. a class without examples). */
    default void onWarning(String message) {
    }
}
