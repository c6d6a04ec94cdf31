package org.affect4j.cli;

import java.util.List;

/** Short listings of names for one-line messages. */
final class Listing {
    private static final int SHOWN = 5;

    private Listing() {
    }

    /** {@code a, b, c} or {@code a, b, c, d, e and 7 more}. */
    static String abbreviate(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        return names.size() <= SHOWN ? shown : shown + " and " + (names.size() - SHOWN) + " more";
    }
}
