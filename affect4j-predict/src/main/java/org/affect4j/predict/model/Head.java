package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.affect4j.data.ExprClass;

/**
 * A classifier on one modality's feature row whose classes are a subset of the 8 ABAW classes (the 7 of FER2013 or
 * RAVDESS, which have no Other): probabilities come out over all 8, zero where the head has no class. Saved inside
 * the model file with a {@code "type"} naming the kind.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = LinearHead.class, name = "linear"),
        @JsonSubTypes.Type(value = MlpHead.class, name = "mlp"),
        @JsonSubTypes.Type(value = MeanHead.class, name = "mean")})
public sealed interface Head permits LinearHead, MlpHead, MeanHead {
    /** ABAW index of each of the head's classes. */
    int[] classIndex();

    /** Input width. */
    int features();

    /**
     * A ready-to-use form of this head (weights unpacked once): ABAW-ordered probabilities (length 8) of one input
     * row. Thread-safe.
     */
    Scorer scorer();

    /** A head ready to score rows. */
    @FunctionalInterface
    interface Scorer {
        /** ABAW-ordered probabilities (length 8) of one input row. */
        double[] probabilities(float[] row);

        /**
         * ABAW-ordered probabilities of several rows, each as {@link #probabilities(float[])} gives it; a scorer that
         * runs native kernels takes them as one batch (to float rounding of the one-row results).
         */
        default double[][] probabilities(float[][] rows) {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) out[i] = probabilities(rows[i]);
            return out;
        }

        /**
         * The probabilities of frames' rows in order, null for a null row (no face). A row equal to the non-null row
         * before it (a frame holding a key frame's embedding) shares that row's probabilities instead of being scored
         * again; the other rows are scored in one {@link #probabilities(float[][])} call.
         *
         * @param rows        the frames' rows, null where a frame has none
         * @param before      the last non-null row before these (null: none), whose probabilities are {@code beforeProbs}
         * @param beforeProbs the probabilities of {@code before}
         * @return one entry per row
         */
        default double[][] probabilitiesOfRuns(java.util.List<float[]> rows, float[] before, double[] beforeProbs) {
            int[] which = new int[rows.size()]; // -1: no row; -2: before's; else an index into distinct
            java.util.List<float[]> distinct = new java.util.ArrayList<>();
            float[] previous = before;
            for (int k = 0; k < which.length; k++) {
                float[] row = rows.get(k);
                which[k] = -1;
                if (row == null) continue;
                if (previous == null || !java.util.Arrays.equals(previous, row)) distinct.add(row);
                which[k] = distinct.isEmpty() ? -2 : distinct.size() - 1;
                previous = row;
            }
            double[][] scored = distinct.isEmpty() ? new double[0][] : probabilities(distinct.toArray(new float[0][]));
            double[][] out = new double[which.length][];
            for (int k = 0; k < which.length; k++) out[k] = which[k] == -1 ? null : which[k] == -2 ? beforeProbs : scored[which[k]];
            return out;
        }
    }

    /** Spreads probabilities over the head's own classes onto the 8 ABAW classes. */
    static double[] toAbaw(double[] p, int[] classIndex) {
        double[] out = new double[ExprClass.COUNT];
        for (int k = 0; k < p.length; k++) out[classIndex[k]] += p[k];
        return out;
    }

    /** Checks that every class index is an ABAW class and there is one per output. */
    static void checkClasses(int[] classIndex, int outputs) {
        if (classIndex.length != outputs) {
            throw new IllegalArgumentException(classIndex.length + " class indices for " + outputs + " classes");
        }
        for (int c : classIndex) ExprClass.of(c);
    }
}
