package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;

import java.awt.Color;
import java.util.Locale;

/**
 * One fixed colour per expression class, shared by the timeline plot and the HTML report so a class looks the same
 * everywhere. The colours are the Okabe-Ito palette (distinguishable under the common colour-vision deficiencies);
 * Neutral gets its grey because it is the "nothing going on" class, and Other gets black, so the hard-to-see yellow
 * of the palette is not needed for thin lines on white.
 */
final class ClassColors {
    private static final int[] RGB = {
            0x999999, // Neutral: grey
            0xD55E00, // Anger: vermillion
            0x009E73, // Disgust: bluish green
            0xCC79A7, // Fear: reddish purple
            0xE69F00, // Happiness: orange
            0x0072B2, // Sadness: blue
            0x56B4E9, // Surprise: sky blue
            0x000000, // Other: black
    };
    /** Background of the spans where no face was found: light enough that every class line stays visible on it. */
    static final Color NO_FACE = new Color(0xE6E6E6);
    /** Label-strip colour of frames without a label (-1): blank, like the page. */
    static final Color UNLABELLED = Color.WHITE;

    static {
        if (RGB.length != ExprClass.COUNT) throw new AssertionError("one colour per class");
    }

    private ClassColors() {
    }

    /** The colour of class {@code cls} (0..7), or {@link #UNLABELLED} for -1. */
    static Color color(int cls) {
        return cls == ExprClass.UNANNOTATED ? UNLABELLED : new Color(RGB[ExprClass.of(cls).ordinal()]);
    }

    /** The colour of class {@code cls} (0..7) as a CSS hex colour, e.g. {@code #D55E00}. */
    static String hex(int cls) {
        return String.format(Locale.ROOT, "#%06X", RGB[ExprClass.of(cls).ordinal()]);
    }

    /** A colour as a CSS hex colour. */
    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }
}
