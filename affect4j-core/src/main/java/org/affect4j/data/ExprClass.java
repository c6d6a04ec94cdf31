package org.affect4j.data;

import java.util.List;

/**
 * The 8 expression classes of the ABAW EXPR track, in the challenge's fixed index order.
 * The index is what annotation files, submissions and model outputs carry.
 */
public enum ExprClass {
    NEUTRAL("Neutral"), ANGER("Anger"), DISGUST("Disgust"), FEAR("Fear"),
    HAPPINESS("Happiness"), SADNESS("Sadness"), SURPRISE("Surprise"), OTHER("Other");

    /** Number of classes. */
    public static final int COUNT = 8;
    /** Label value of a frame that carries no annotation. */
    public static final int UNANNOTATED = -1;
    /** The header line of Aff-Wild2 EXPR annotation files. */
    public static final String HEADER = "Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";

    private final String displayName;

    ExprClass(String displayName) {
        this.displayName = displayName;
    }

    /** The name as written in the challenge header, e.g. {@code Happiness}. */
    public String displayName() {
        return displayName;
    }

    /** The class of index {@code i}; throws if {@code i} is not in 0..7. */
    public static ExprClass of(int i) {
        if (i < 0 || i >= COUNT) {
            throw new IllegalArgumentException("expression label " + i + " is outside 0..7");
        }
        return values()[i];
    }

    /** The class whose display name is {@code name} (case-insensitive). */
    public static ExprClass byName(String name) {
        for (ExprClass c : values()) {
            if (c.displayName.equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown expression class '" + name + "', expected one of " + HEADER);
    }

    /** The display names in index order. */
    public static List<String> names() {
        return List.of(HEADER.split(","));
    }
}
