package org.affect4j.predict.report;

import org.affect4j.data.Rounding;

/**
 * Fixed-point decimal formatting without {@link String#format}: locale-free (always a dot), never scientific
 * notation (a softmax probability of 1e-5 must read {@code 0.000010}, which every spreadsheet parses), and fast
 * enough for the 100k-row CSV of an hour of video. The rounding is {@link Rounding#units}, the one
 * {@link org.affect4j.data.FramePredictions#rounded} chooses labels with, so printed probabilities and labels agree.
 */
final class Decimals {
    private Decimals() {
    }

    /**
     * Appends {@code v} rounded half-up (on its magnitude) to {@code digits} decimals; nothing for NaN or infinity,
     * which leaves an empty (missing) CSV field.
     */
    static StringBuilder append(StringBuilder sb, double v, int digits) {
        long scale = Rounding.scale(digits);
        if (!Double.isFinite(v)) return sb;
        long scaled = Rounding.units(v, digits);
        if (v < 0 && scaled != 0) sb.append('-'); // no "-0.000"
        sb.append(scaled / scale);
        if (digits > 0) {
            sb.append('.');
            String frac = Long.toString(scaled % scale);
            for (int i = frac.length(); i < digits; i++) sb.append('0');
            sb.append(frac);
        }
        return sb;
    }

    /** {@code v} with {@code digits} decimals as a string. */
    static String format(double v, int digits) {
        return append(new StringBuilder(16), v, digits).toString();
    }
}
