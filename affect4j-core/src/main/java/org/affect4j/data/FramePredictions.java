package org.affect4j.data;

import java.util.Arrays;

/**
 * The per-frame output of one model (or one ensemble) for one video: a label per frame and, when the
 * model produced them, the 8 class probabilities per frame.
 *
 * <p>Frames are indexed from 0 here; files number them from 1 (frame {@code i} is {@code <NNNNN>.jpg} with
 * {@code NNNNN = i + 1}). A label is a class index 0..7, or {@link ExprClass#UNANNOTATED} (-1) for "no
 * prediction" (a prediction file written in the annotation format may carry -1; scoring and submissions
 * refuse it where a label is needed). When probabilities are present the labels are their arg-max, ties
 * going to the lowest class index, so the two views never disagree.
 *
 * <p>A frame may have no prediction even when the others carry probabilities (a model that saw neither a face
 * nor speech in it): its label is -1 and its probabilities are NaN ({@link #isLabelled} tells them apart).
 *
 * <p>Immutable and thread-safe: factories copy their arguments and getters return copies.
 */
public final class FramePredictions {
    private final int[] labels;
    /** Row-major {@code [frames, 8]}, or {@code null} for a labels-only prediction. */
    private final double[] probabilities;

    private FramePredictions(int[] labels, double[] probabilities) {
        this.labels = labels;
        this.probabilities = probabilities;
    }

    /**
     * Labels only.
     *
     * @param labels one label per frame, each in -1..7
     * @throws IllegalArgumentException if a label is outside -1..7 (the message names the 0-based frame)
     */
    public static FramePredictions ofLabels(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < ExprClass.UNANNOTATED || labels[i] >= ExprClass.COUNT) {
                throw new IllegalArgumentException("frame " + i + ": label " + labels[i] + " is outside -1..7");
            }
        }
        return new FramePredictions(labels.clone(), null);
    }

    /**
     * Probabilities {@code [frames][8]}; the labels become their arg-max. A {@code null} row is a frame without
     * prediction (label -1).
     *
     * @throws IllegalArgumentException if a row does not have 8 entries or holds a negative or non-finite value
     */
    public static FramePredictions ofProbabilities(double[][] probabilities) {
        double[] flat = new double[probabilities.length * ExprClass.COUNT];
        boolean[] labelled = new boolean[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] == null) continue;
            labelled[i] = true;
            if (probabilities[i].length != ExprClass.COUNT) {
                throw new IllegalArgumentException("frame " + i + ": " + probabilities[i].length
                        + " probabilities, expected " + ExprClass.COUNT);
            }
            System.arraycopy(probabilities[i], 0, flat, i * ExprClass.COUNT, ExprClass.COUNT);
        }
        return ofFlatProbabilities(flat, labelled);
    }

    /**
     * Probabilities in row-major order, {@code [frames * 8]}; the labels become their arg-max.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 8 or a value is negative or non-finite
     */
    public static FramePredictions ofFlatProbabilities(double[] probabilities) {
        if (probabilities.length % ExprClass.COUNT != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities is not a multiple of " + ExprClass.COUNT);
        }
        boolean[] all = new boolean[probabilities.length / ExprClass.COUNT];
        Arrays.fill(all, true);
        return ofFlatProbabilities(probabilities, all);
    }

    /**
     * Probabilities in row-major order, {@code [frames * 8]}, where only the frames marked in {@code labelled} have
     * a prediction: their labels become the arg-max of their row; the other frames get label -1 and NaN
     * probabilities, whatever their rows hold.
     *
     * @throws IllegalArgumentException if the length is not 8 times the frames of {@code labelled} or a value of a
     *                                  labelled frame is negative or non-finite
     */
    public static FramePredictions ofFlatProbabilities(double[] probabilities, boolean[] labelled) {
        if (probabilities.length != labelled.length * ExprClass.COUNT) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labelled.length
                    + " frames, expected " + labelled.length * ExprClass.COUNT);
        }
        double[] copy = probabilities.clone();
        int[] labels = new int[labelled.length];
        for (int i = 0; i < labels.length; i++) {
            int offset = i * ExprClass.COUNT;
            if (!labelled[i]) {
                Arrays.fill(copy, offset, offset + ExprClass.COUNT, Double.NaN);
                labels[i] = ExprClass.UNANNOTATED;
                continue;
            }
            for (int c = 0; c < ExprClass.COUNT; c++) {
                double p = copy[offset + c];
                if (!(p >= 0) || Double.isInfinite(p)) {
                    throw new IllegalArgumentException("frame " + i + ", class " + c
                            + ": probability " + p + " is not a finite non-negative number");
                }
            }
            labels[i] = argmax(copy, offset);
        }
        return new FramePredictions(labels, copy);
    }

    /**
     * These predictions with every probability rounded to {@code digits} decimals by {@link Rounding} (the rounding
     * {@code frames.csv} prints with) and each label the arg-max of the rounded values, the lowest class index
     * winning among equal rounded values. So a label never disagrees with the numbers printed beside it. Frames
     * without prediction stay so; labels-only predictions are returned as they are.
     */
    public FramePredictions rounded(int digits) {
        if (probabilities == null) return this;
        long scale = Rounding.scale(digits);
        double[] out = new double[probabilities.length];
        int[] newLabels = new int[labels.length];
        long[] units = new long[ExprClass.COUNT];
        for (int i = 0; i < labels.length; i++) {
            int offset = i * ExprClass.COUNT;
            if (labels[i] == ExprClass.UNANNOTATED) {
                Arrays.fill(out, offset, offset + ExprClass.COUNT, Double.NaN);
                newLabels[i] = ExprClass.UNANNOTATED;
                continue;
            }
            int best = 0;
            for (int c = 0; c < ExprClass.COUNT; c++) {
                units[c] = Rounding.units(probabilities[offset + c], digits);
                out[offset + c] = (double) units[c] / scale;
                if (units[c] > units[best]) best = c;
            }
            newLabels[i] = best;
        }
        return new FramePredictions(newLabels, out);
    }

    /** Index of the largest of the 8 values starting at {@code offset}; the lowest index wins a tie. */
    private static int argmax(double[] values, int offset) {
        int best = 0;
        for (int c = 1; c < ExprClass.COUNT; c++) {
            if (values[offset + c] > values[offset + best]) best = c;
        }
        return best;
    }

    /** Number of frames. */
    public int frames() {
        return labels.length;
    }

    /** The label of 0-based {@code frame}: 0..7, or -1 for no prediction. */
    public int label(int frame) {
        return labels[frame];
    }

    /** Whether 0-based {@code frame} has a prediction (a label 0..7). */
    public boolean isLabelled(int frame) {
        return labels[frame] != ExprClass.UNANNOTATED;
    }

    /** Number of frames with a prediction (label 0..7). */
    public int labelledFrames() {
        int n = 0;
        for (int l : labels) if (l != ExprClass.UNANNOTATED) n++;
        return n;
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Whether per-class probabilities are available (needed by probability averaging). */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * The probability of class {@code cls} at 0-based {@code frame}; NaN for a frame without prediction.
     *
     * @throws IllegalStateException if this prediction carries labels only
     */
    public double probability(int frame, int cls) {
        requireProbabilities();
        if (cls < 0 || cls >= ExprClass.COUNT) throw new IndexOutOfBoundsException("class " + cls);
        return probabilities[frame * ExprClass.COUNT + cls];
    }

    /** A copy of the 8 probabilities of 0-based {@code frame} (NaN for a frame without prediction). */
    public double[] probabilities(int frame) {
        requireProbabilities();
        return Arrays.copyOfRange(probabilities, frame * ExprClass.COUNT, (frame + 1) * ExprClass.COUNT);
    }

    private void requireProbabilities() {
        if (probabilities == null) {
            throw new IllegalStateException("these predictions carry labels only, no probabilities");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FramePredictions other && Arrays.equals(labels, other.labels)
                && Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "FramePredictions[frames=" + frames() + (hasProbabilities() ? ", with probabilities]" : ", labels only]");
    }
}
