package org.affect4j.predict.report;

/**
 * Fixed-point decimal formatting without {@link String#format}: locale-free (always a dot), never scientific
 * notation (a softmax probability of 1e-5 must read {@code 0.000010}, which every spreadsheet parses), and fast
 * enough for the 100k-row CSV of an hour of video.
 */
final class Decimals {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    private Decimals() {
    }

    /**
     * Appends {@code v} rounded half-up (on its magnitude) to {@code digits} decimals; nothing for NaN or infinity,
     * which leaves an empty (missing) CSV field.
     */
    static StringBuilder append(StringBuilder sb, double v, int digits) {
        if (digits < 0 || digits >= POW10.length) throw new IllegalArgumentException("digits " + digits);
        if (!Double.isFinite(v)) return sb;
        long scale = POW10[digits];
        long scaled = Math.round(Math.abs(v) * scale);
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
