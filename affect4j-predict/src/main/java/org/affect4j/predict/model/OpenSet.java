package org.affect4j.predict.model;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;

/**
 * ABAW's eighth class, Other, for models trained on data that has none (FER2013 and RAVDESS hold the seven basic
 * expressions only): an open-set rule. Other is given a constant share {@code theta} before renormalising,
 * {@code q = (p + theta * e_Other) / (1 + theta)}, so a frame is labelled Other exactly when no basic class
 * reaches probability {@code theta} (the basic class wins an exact tie, lowest index first), and the label stays the
 * arg-max of the probabilities written out. {@code theta} is chosen on held-out data in which one expression at a
 * time is unknown to the model (see the recipe). Frames without a label keep none. ABAW's Other is a facial
 * expression outside the seven, so the rule applies to frames where a face was seen; the voice alone cannot tell it.
 */
public final class OpenSet {
    private OpenSet() {
    }

    /** {@code p} with the open-set rule at {@code theta} on every labelled frame; {@code theta <= 0} returns {@code p}. */
    public static FramePredictions apply(FramePredictions p, double theta) {
        return apply(p, theta, null);
    }

    /**
     * {@code p} with the open-set rule at {@code theta} on the frames marked in {@code where} (null: all); other
     * frames are unchanged.
     */
    public static FramePredictions apply(FramePredictions p, double theta, boolean[] where) {
        if (!(theta > 0)) return p;
        int n = p.frames(), k = ExprClass.COUNT, other = ExprClass.OTHER.ordinal();
        double[] out = new double[n * k];
        boolean[] labelled = new boolean[n];
        for (int i = 0; i < n; i++) {
            labelled[i] = p.isLabelled(i);
            if (!labelled[i]) continue;
            boolean rule = where == null || where[i];
            for (int c = 0; c < k; c++) out[i * k + c] = rule ? p.probability(i, c) / (1 + theta) : p.probability(i, c);
            if (rule) out[i * k + other] += theta / (1 + theta);
        }
        return FramePredictions.ofFlatProbabilities(out, labelled);
    }
}
