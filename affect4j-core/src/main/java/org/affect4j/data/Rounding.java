package org.affect4j.data;

/**
 * The one rounding of numbers written as fixed-point decimals: half-up on the magnitude, to a given number of
 * decimals. {@code frames.csv} prints the class probabilities with it, and {@link FramePredictions#rounded} rounds
 * them with it before choosing the label, so a label is always the arg-max of the numbers printed beside it.
 */
public final class Rounding {
    /** Decimals of the class probabilities in {@code frames.csv}. */
    public static final int PROBABILITY_DECIMALS = 6;
    /** Most decimals supported. */
    public static final int MAX_DECIMALS = 8;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};

    private Rounding() {
    }

    /**
     * {@code |v|} rounded half-up to {@code digits} decimals, as a whole number of units of {@code 10^-digits}:
     * {@code units(0.1234565, 6)} is 123457 (up to the binary representation of {@code v}).
     *
     * @throws IllegalArgumentException if {@code digits} is outside 0..{@value #MAX_DECIMALS} or {@code v} is not finite
     */
    public static long units(double v, int digits) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("cannot round " + v);
        return Math.round(Math.abs(v) * scale(digits));
    }

    /** {@code 10^digits}, the units per 1 at {@code digits} decimals. */
    public static long scale(int digits) {
        if (digits < 0 || digits > MAX_DECIMALS) throw new IllegalArgumentException("digits " + digits + " outside 0.." + MAX_DECIMALS);
        return POW10[digits];
    }

    /** {@code v} rounded to {@code digits} decimals ({@link #units} with the sign of {@code v}) as a double. */
    public static double round(double v, int digits) {
        double r = (double) units(v, digits) / scale(digits);
        return v < 0 ? -r : r;
    }
}
