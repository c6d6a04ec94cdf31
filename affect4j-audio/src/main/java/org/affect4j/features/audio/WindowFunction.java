package org.affect4j.features.audio;

/** Analysis windows, with Kaldi's definitions (symmetric, denominator {@code N - 1}). */
public enum WindowFunction {
    /** Hann raised to 0.85, Kaldi's default ("povey"). */
    POVEY,
    /** Symmetric Hann. */
    HANNING,
    /** Symmetric Hamming (0.54 - 0.46 cos). */
    HAMMING,
    /** All ones. */
    RECTANGULAR;

    /** The {@code n} window coefficients. */
    public double[] coefficients(int n) {
        if (n <= 0) throw new IllegalArgumentException("window length must be positive, got " + n);
        double[] w = new double[n];
        double a = n == 1 ? 0 : 2 * Math.PI / (n - 1);
        for (int i = 0; i < n; i++) {
            w[i] = switch (this) {
                case POVEY -> Math.pow(0.5 - 0.5 * Math.cos(a * i), 0.85);
                case HANNING -> 0.5 - 0.5 * Math.cos(a * i);
                case HAMMING -> 0.54 - 0.46 * Math.cos(a * i);
                case RECTANGULAR -> 1.0;
            };
        }
        return w;
    }
}
