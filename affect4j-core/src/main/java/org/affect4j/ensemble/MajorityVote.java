package org.affect4j.ensemble;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Per-frame (weighted) majority vote over the members' labels, as the reference method's vote ensembles do.
 *
 * <p>Each member adds its weight to the class it predicts; a member whose label is -1 abstains on that frame.
 * The class with the largest total wins. <b>Ties</b> go to the model with the best validation macro-F1 (given per
 * model to the constructor): among the members voting for one of the tied classes, the best-ranked one decides.
 * Models with equal validation F1 (or no F1 given) rank in member order, so the earlier one wins. A frame on
 * which every member abstains stays -1. The result carries labels only.
 *
 * <p>Final and immutable.
 */
public final class MajorityVote extends AbstractEnsembleRule {
    private final double[] validationF1;

    /** A vote whose ties go to the earliest member. */
    public MajorityVote() {
        this.validationF1 = null;
    }

    /**
     * A vote whose ties go to the member with the best validation macro-F1.
     *
     * @param validationF1 one validation macro-F1 per member, in member order
     */
    public MajorityVote(double... validationF1) {
        for (double f : validationF1) {
            if (!(f >= 0 && f <= 1)) throw new IllegalArgumentException("validation F1 " + f + " is outside 0..1");
        }
        this.validationF1 = validationF1.clone();
    }

    @Override
    protected FramePredictions combineChecked(List<FramePredictions> members, double[] weights) {
        if (validationF1 != null && validationF1.length != members.size()) {
            throw new IllegalArgumentException(validationF1.length + " validation F1 values for " + members.size() + " members");
        }
        int[] rank = ranking(members.size());
        int[] out = new int[members.get(0).frames()];
        double[] votes = new double[ExprClass.COUNT];
        for (int i = 0; i < out.length; i++) {
            Arrays.fill(votes, 0);
            boolean anyVote = false;
            for (int m = 0; m < members.size(); m++) {
                int label = members.get(m).label(i);
                if (label != ExprClass.UNANNOTATED) {
                    votes[label] += weights[m];
                    anyVote = true;
                }
            }
            out[i] = anyVote ? winner(votes, members, rank, i) : ExprClass.UNANNOTATED;
        }
        return FramePredictions.ofLabels(out);
    }

    /** Member indices from best to worst validation F1; ties keep member order (the sort is stable). */
    private int[] ranking(int members) {
        Comparator<Integer> byF1 = validationF1 == null
                ? Comparator.comparingInt(m -> 0)
                : Comparator.comparingDouble((Integer m) -> validationF1[m]).reversed();
        return IntStream.range(0, members).boxed().sorted(byF1).mapToInt(Integer::intValue).toArray();
    }

    private static int winner(double[] votes, List<FramePredictions> members, int[] rank, int frame) {
        double best = Arrays.stream(votes).max().orElseThrow();
        for (int m : rank) {
            int label = members.get(m).label(frame);
            // exact comparison is right: equal weights sum to bit-identical totals
            if (label != ExprClass.UNANNOTATED && votes[label] == best) return label;
        }
        throw new IllegalStateException("no member voted for the winning class"); // unreachable: some member voted for it
    }

    @Override
    public String toString() {
        return validationF1 == null ? "MajorityVote" : "MajorityVote(validationF1=" + Arrays.toString(validationF1) + ")";
    }
}
