package org.affect4j.ensemble;

import org.affect4j.data.FramePredictions;

import java.util.List;

/**
 * Checks an ensemble's members and weights, then hands over to {@link #combineChecked}: every rule refuses bad
 * input with the same messages.
 */
public abstract class AbstractEnsembleRule implements EnsembleRule {
    @Override
    public final FramePredictions combine(List<FramePredictions> members, double[] weights) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        int frames = members.get(0).frames();
        for (int m = 1; m < members.size(); m++) {
            if (members.get(m).frames() != frames) {
                throw new IllegalArgumentException("member " + m + " has " + members.get(m).frames()
                        + " frames, member 0 has " + frames);
            }
        }
        return combineChecked(members, normalise(weights, members.size()));
    }

    /**
     * Combines members already checked to be non-empty and of equal length.
     *
     * @param weights one weight per member, non-negative, summing to 1
     */
    protected abstract FramePredictions combineChecked(List<FramePredictions> members, double[] weights);

    /** Weights scaled to sum to 1; equal weights for {@code null}. */
    static double[] normalise(double[] weights, int members) {
        double[] w = new double[members];
        if (weights == null) {
            java.util.Arrays.fill(w, 1.0 / members);
            return w;
        }
        if (weights.length != members) {
            throw new IllegalArgumentException(weights.length + " weights for " + members + " members");
        }
        double sum = 0;
        for (int m = 0; m < members; m++) {
            if (!(weights[m] >= 0) || Double.isInfinite(weights[m])) {
                throw new IllegalArgumentException("weight " + weights[m] + " of member " + m + " is not a finite non-negative number");
            }
            sum += weights[m];
        }
        if (sum <= 0) throw new IllegalArgumentException("the weights sum to 0");
        for (int m = 0; m < members; m++) w[m] = weights[m] / sum;
        return w;
    }
}
