package org.affect4j.features.audio;

import java.util.Arrays;

/**
 * Statistics over a descriptor contour, as openSMILE names them for eGeMAPS and ComParE (Eyben et al. 2016,
 * §3.3): arithmetic mean, coefficient of variation ("stddevNorm"), percentiles (linear interpolation), and the
 * mean and standard deviation of rising and falling slopes between successive local extrema. All return 0 for an
 * empty selection, so an utterance without voice yields defined numbers. Stateless.
 */
public final class Functionals {
    private Functionals() {
    }

    /** Values of column {@code col} of {@code rows} where {@code select} is true (all rows if null). */
    public static double[] column(double[][] rows, int col, boolean[] select) {
        int n = 0;
        for (int r = 0; r < rows.length; r++) if (select == null || select[r]) n++;
        double[] v = new double[n];
        int i = 0;
        for (int r = 0; r < rows.length; r++) if (select == null || select[r]) v[i++] = rows[r][col];
        return v;
    }

    /** Arithmetic mean. */
    public static double mean(double[] v) {
        if (v.length == 0) return 0;
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Population standard deviation. */
    public static double std(double[] v) {
        if (v.length == 0) return 0;
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }

    /** Standard deviation over |mean|; 0 when the mean is 0. */
    public static double stddevNorm(double[] v) {
        double m = Math.abs(mean(v));
        return m < 1e-12 ? 0 : std(v) / m;
    }

    /** Percentile {@code q} in [0, 1] with linear interpolation between order statistics. */
    public static double percentile(double[] v, double q) {
        if (v.length == 0) return 0;
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /**
     * {mean rising slope, std rising slope, mean falling slope, std falling slope} in units per second, from the
     * segments between successive local extrema of each contiguous run of selected rows (falling slopes as
     * positive magnitudes).
     */
    public static double[] slopes(double[] contour, boolean[] select, double rowsPerSecond) {
        java.util.List<Double> rise = new java.util.ArrayList<>();
        java.util.List<Double> fall = new java.util.ArrayList<>();
        int r = 0;
        while (r < contour.length) {
            if (select != null && !select[r]) {
                r++;
                continue;
            }
            int end = r;
            while (end < contour.length && (select == null || select[end])) end++;
            int last = r; // last extremum
            for (int i = r + 1; i < end; i++) {
                boolean extremum = i == end - 1
                        || (contour[i] - contour[i - 1]) * (contour[i + 1] - contour[i]) < 0;
                if (!extremum) continue;
                double slope = (contour[i] - contour[last]) * rowsPerSecond / (i - last);
                if (slope > 0) rise.add(slope);
                else if (slope < 0) fall.add(-slope);
                last = i;
            }
            r = end;
        }
        double[] a = rise.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = fall.stream().mapToDouble(Double::doubleValue).toArray();
        return new double[] {mean(a), std(a), mean(b), std(b)};
    }

    /** Lengths in seconds of the runs of rows equal to {@code value}. */
    public static double[] runs(boolean[] flags, boolean value, double rowsPerSecond) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        int n = 0;
        for (int i = 0; i <= flags.length; i++) {
            if (i < flags.length && flags[i] == value) {
                n++;
            } else if (n > 0) {
                out.add(n / rowsPerSecond);
                n = 0;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
