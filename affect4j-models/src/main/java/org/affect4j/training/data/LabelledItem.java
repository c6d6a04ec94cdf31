package org.affect4j.training.data;

import org.affect4j.data.ExprClass;

import java.util.Arrays;

/**
 * A video (or utterance, or image) of the feature store with its labels: either one label for all frames
 * (RAVDESS utterances, FER2013 images, CREMA-D clips) or one label per frame ({@code -1} = not annotated, as in
 * Aff-Wild2 annotation files). Immutable.
 */
public final class LabelledItem {
    private final String video;
    private final int uniform;
    private final int[] frames;

    private LabelledItem(String video, int uniform, int[] frames) {
        this.video = video;
        this.uniform = uniform;
        this.frames = frames;
    }

    /** Every frame of {@code video} carries {@code label} (0..7). */
    public static LabelledItem uniform(String video, int label) {
        ExprClass.of(label);
        return new LabelledItem(video, label, null);
    }

    /** Frame i of {@code video} carries {@code labels[i]} (0..7 or -1); the array is copied. */
    public static LabelledItem perFrame(String video, int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != ExprClass.UNANNOTATED) ExprClass.of(labels[i]);
        }
        return new LabelledItem(video, ExprClass.UNANNOTATED, labels.clone());
    }

    /** The store video name. */
    public String video() {
        return video;
    }

    /**
     * Labels of the video's {@code count} frames. Per-frame labels longer than the video are cut; frames beyond
     * the labels are unannotated (-1): annotation files and decoded frame counts often differ by a few frames.
     */
    public int[] labelsFor(int count) {
        if (frames == null) {
            int[] l = new int[count];
            Arrays.fill(l, uniform);
            return l;
        }
        int[] l = Arrays.copyOf(frames, count);
        if (count > frames.length) Arrays.fill(l, frames.length, count, ExprClass.UNANNOTATED);
        return l;
    }
}
