package org.affect4j.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The validation macro-F1 of each fold model of a {@link FoldPlan} (of the checkpoint that predicts:
 * {@link FoldPlan.Fold#score()}), NaN for a fold whose run did not finish.
 *
 * @param label  what was cross-validated (a feature set and model, or the experiment name)
 * @param perFold one score per fold, in fold order
 */
public record FoldScores(List<String> label, List<Double> perFold) {
    public FoldScores {
        label = List.copyOf(label);
        perFold = List.copyOf(perFold);
    }

    /** Reads the scores of a plan's fold runs. */
    public static FoldScores of(List<String> label, FoldPlan plan) {
        List<Double> s = new ArrayList<>();
        for (FoldPlan.Fold f : plan.folds()) {
            OptionalDouble v = f.score();
            s.add(v.isPresent() ? v.getAsDouble() : Double.NaN);
        }
        return new FoldScores(label, s);
    }

    /** Mean over the folds that finished (NaN if none did). */
    public double mean() {
        return perFold.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Population standard deviation over the folds that finished. */
    public double std() {
        double m = mean();
        return Math.sqrt(perFold.stream().filter(d -> !d.isNaN()).mapToDouble(d -> (d - m) * (d - m)).average().orElse(Double.NaN));
    }
}
