package org.affect4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent label of a video over its labelled frames, with ties kept: when several classes share the top
 * count, all of them are here. Frames without a label (-1) are left out of the counts and of the share.
 *
 * <p>Where one label is needed (e.g. scoring a per-file label), {@link #label()} takes the lowest class index among
 * the tied classes; reports say the tie ({@link #describe()}).
 *
 * @param classes        the classes with the top count, ascending; empty when no frame has a label
 * @param frames         frames of each of these classes (0 when empty)
 * @param labelledFrames frames with a label, the denominator of {@link #share()}
 */
public record Dominant(List<Integer> classes, int frames, int labelledFrames) {
    public Dominant {
        classes = List.copyOf(classes);
        for (int c : classes) ExprClass.of(c);
        if (frames < 0 || frames > labelledFrames || (classes.isEmpty() != (frames == 0))) {
            throw new IllegalArgumentException(classes + " with " + frames + " of " + labelledFrames + " frames");
        }
    }

    /** From frames per class (8 counts, class order); their sum is the labelled frames. */
    public static Dominant of(int[] labelCounts) {
        if (labelCounts.length != ExprClass.COUNT) {
            throw new IllegalArgumentException(labelCounts.length + " label counts, expected " + ExprClass.COUNT);
        }
        int top = 0, total = 0;
        for (int n : labelCounts) {
            if (n < 0) throw new IllegalArgumentException("negative label count " + n);
            top = Math.max(top, n);
            total += n;
        }
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < ExprClass.COUNT && top > 0; c++) if (labelCounts[c] == top) classes.add(c);
        return new Dominant(classes, top, total);
    }

    /** Of the labels of {@code p}, frames without label left out. */
    public static Dominant of(FramePredictions p) {
        int[] counts = new int[ExprClass.COUNT];
        for (int i = 0; i < p.frames(); i++) if (p.isLabelled(i)) counts[p.label(i)]++;
        return of(counts);
    }

    /** Whether no frame has a label. */
    public boolean isEmpty() {
        return classes.isEmpty();
    }

    /** Whether two or more classes share the top count. */
    public boolean isTie() {
        return classes.size() > 1;
    }

    /** The one label: the dominant class, the lowest class index on a tie; -1 when no frame has a label. */
    public int label() {
        return isEmpty() ? ExprClass.UNANNOTATED : classes.get(0);
    }

    /** Share (0..1) of the labelled frames that each dominant class has; 0 when no frame has a label. */
    public double share() {
        return labelledFrames == 0 ? 0 : (double) frames / labelledFrames;
    }

    /** The share as a whole percentage, e.g. {@code "32 %"}. */
    public String percent() {
        return Math.round(100 * share()) + " %";
    }

    /**
     * In words: {@code "Happiness, 64 %"}, {@code "tie: Neutral / Fear, 32 % each"}, or
     * {@code "none: no frame has a label"}.
     */
    public String describe() {
        if (isEmpty()) return "none: no frame has a label";
        List<String> names = classes.stream().map(c -> ExprClass.of(c).displayName()).toList();
        if (!isTie()) return names.get(0) + ", " + percent();
        return "tie: " + String.join(" / ", names) + ", " + percent() + " each";
    }
}
