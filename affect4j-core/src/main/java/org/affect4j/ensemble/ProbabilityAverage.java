package org.affect4j.ensemble;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;

import java.util.List;

/**
 * Per-frame (weighted) mean of the members' class probabilities; the label is the arg-max of the mean, ties
 * going to the lowest class index. Every member must carry probabilities (the probabilities file format).
 *
 * <p>Final and immutable.
 */
public final class ProbabilityAverage extends AbstractEnsembleRule {
    @Override
    protected FramePredictions combineChecked(List<FramePredictions> members, double[] weights) {
        for (int m = 0; m < members.size(); m++) {
            if (!members.get(m).hasProbabilities()) {
                throw new IllegalArgumentException("member " + m + " carries labels only; probability averaging needs "
                        + "per-frame probabilities (use a majority vote for label-only predictions)");
            }
        }
        int frames = members.get(0).frames();
        double[] mean = new double[frames * ExprClass.COUNT];
        for (int m = 0; m < members.size(); m++) {
            FramePredictions p = members.get(m);
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < ExprClass.COUNT; c++) {
                    mean[i * ExprClass.COUNT + c] += weights[m] * p.probability(i, c);
                }
            }
        }
        return FramePredictions.ofFlatProbabilities(mean);
    }

    @Override
    public String toString() {
        return "ProbabilityAverage";
    }
}
