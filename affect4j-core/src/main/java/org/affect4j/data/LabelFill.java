package org.affect4j.data;

import org.affect4j.store.NearestFill;

/**
 * The ABAW fill rule: the challenge wants a label for every frame, so a frame without prediction (label -1) takes
 * the label of the nearest frame in time that has one, the earlier of the two on a tie. This is the rule by which
 * the research path fills frames without a face ({@link NearestFill#sourceRows}, METHOD §2), applied to labels
 * through the same code. When no frame has a label at all, every frame gets the fallback
 * {@value #FALLBACK} (Neutral), and {@link #fallback()} says so, for the caller to tell the user.
 *
 * <p>{@code affect4j predict} writes its ABAW file {@code <name>.txt} through this; {@code affect4j submit} still
 * refuses unlabelled frames in a prediction directory.
 *
 * @param predictions  the filled labels (labels only), every frame 0..7
 * @param filledFrames frames that had no label and were given one
 * @param fallback     whether no frame had a label, so every frame is {@link #FALLBACK}
 */
public record LabelFill(FramePredictions predictions, int filledFrames, boolean fallback) {
    /** The label of every frame when no frame has one: 0, Neutral. */
    public static final int FALLBACK = 0;

    /** Fills the frames of {@code p} without label by the rule above; {@code p} itself is left as it is. */
    public static LabelFill of(FramePredictions p) {
        int n = p.frames();
        boolean[] labelled = new boolean[n];
        for (int i = 0; i < n; i++) labelled[i] = p.isLabelled(i);
        int[] source = NearestFill.sourceRows(labelled);
        int[] labels = new int[n];
        int filled = 0;
        boolean none = n > 0 && source[0] < 0; // -1 everywhere exactly when no frame is labelled
        for (int i = 0; i < n; i++) {
            labels[i] = none ? FALLBACK : p.label(source[i]);
            if (!labelled[i]) filled++;
        }
        return new LabelFill(FramePredictions.ofLabels(labels), filled, none);
    }

    /**
     * One sentence for the user about {@code file} (e.g. {@code clip.txt}): how many frames were filled and by which
     * rule, or that the fallback was used; empty when every frame had a label.
     */
    public String note(String file) {
        if (fallback) {
            return "no frame has a label (neither a face nor speech was found), so " + file + " gives every frame the "
                    + "fallback label " + FALLBACK + " (" + ExprClass.of(FALLBACK).displayName() + ")";
        }
        if (filledFrames == 0) return "";
        return filledFrames + (filledFrames == 1 ? " frame" : " frames") + " without a label (neither a face nor speech) "
                + "take the label of the nearest labelled frame in " + file + " (the earlier one on a tie)";
    }
}
