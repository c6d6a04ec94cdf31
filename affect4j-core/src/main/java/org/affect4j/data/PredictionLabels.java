package org.affect4j.data;

/** Parsing of one label token, shared by every prediction format so they all accept and refuse the same text. */
final class PredictionLabels {
    private PredictionLabels() {
    }

    /**
     * Parses an integer label.
     *
     * @param token the text (surrounding white space ignored)
     * @param allowUnannotated whether {@code -1} ("no label") is accepted
     * @throws IllegalArgumentException if it is not an integer in 0..7 (or -1 when allowed)
     */
    static int parse(String token, boolean allowUnannotated) {
        String t = token.strip();
        int label;
        try {
            label = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("label '" + t + "' is not an integer");
        }
        int min = allowUnannotated ? ExprClass.UNANNOTATED : 0;
        if (label < min || label >= ExprClass.COUNT) {
            throw new IllegalArgumentException("label " + label + " is outside " + min + "..7");
        }
        return label;
    }
}
