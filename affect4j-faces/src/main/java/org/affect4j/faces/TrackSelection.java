package org.affect4j.faces;

import java.util.Locale;

/**
 * Which person of a video to follow. Aff-Wild2 annotates two-person videos in two files, {@code <video>_left.txt}
 * and {@code <video>_right.txt}; {@link #forAnnotationName} maps such a name to {@link #LEFT} or {@link #RIGHT}.
 */
public enum TrackSelection {
    /** The main face: the largest and steadiest over the video (highest {@link FaceTrack#weight()}). */
    MAIN,
    /** The left-most person (smallest mean box centre x) among those seen substantially. */
    LEFT,
    /** The right-most person (largest mean box centre x) among those seen substantially. */
    RIGHT;

    /**
     * The selection for an annotation or video name: a base name ending in {@code _left} gives {@link #LEFT},
     * {@code _right} gives {@link #RIGHT}, anything else {@link #MAIN}. An extension ({@code .txt}) is ignored.
     */
    public static TrackSelection forAnnotationName(String name) {
        String base = name.replaceFirst("\\.[A-Za-z0-9]+$", "").toLowerCase(Locale.ROOT);
        if (base.endsWith("_left")) return LEFT;
        if (base.endsWith("_right")) return RIGHT;
        return MAIN;
    }
}
