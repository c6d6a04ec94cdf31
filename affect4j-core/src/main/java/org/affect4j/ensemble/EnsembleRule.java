package org.affect4j.ensemble;

import org.affect4j.data.FramePredictions;

import java.util.List;

/**
 * Combines the per-frame predictions of several models for one video into one prediction per frame.
 *
 * <p>Implementations should be final and immutable (so one rule serves every video and thread); extend
 * {@link AbstractEnsembleRule}, which checks the members and weights once, and supply only the combination.
 */
public interface EnsembleRule {
    /**
     * Combines the members' predictions of one video.
     *
     * @param members one prediction per model, all with the same number of frames, in a fixed model order
     * @param weights one non-negative weight per member (not all zero), or {@code null} for equal weights;
     *                they are normalised to sum to 1
     * @return the combined predictions, with as many frames as each member
     * @throws IllegalArgumentException if there are no members, frame counts differ, the weights do not fit,
     *                                  or a member lacks what the rule needs (e.g. probabilities)
     */
    FramePredictions combine(List<FramePredictions> members, double[] weights);

    /** Combines with equal weights. */
    default FramePredictions combine(List<FramePredictions> members) {
        return combine(members, null);
    }
}
