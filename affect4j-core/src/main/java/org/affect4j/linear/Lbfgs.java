package org.affect4j.linear;

/**
 * Limited-memory BFGS minimiser (Nocedal and Wright, "Numerical Optimization", 2nd ed., algorithm 7.4) with a
 * backtracking Armijo line search. Deterministic; for smooth convex objectives such as L2-regularised logistic
 * regression.
 *
 * <p>Written here because no kept library serves: DJL (the one numerical library affect4j keeps, in
 * {@code affect4j-models}) has only first-order optimisers, {@code affect4j-core} depends on nothing but Jackson,
 * and the default model's heads are fitted by its recipe in plain Java so that they are the same bits on every
 * machine, with or without PyTorch.
 */
public final class Lbfgs {
    /** A differentiable objective. */
    @FunctionalInterface
    public interface Objective {
        /** Returns f(x) and writes the gradient into {@code grad} (same length as {@code x}). */
        double evaluate(double[] x, double[] grad);
    }

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param memory        number of correction pairs kept (e.g. 10)
     * @param maxIterations iteration cap
     * @param tolerance     stop when the relative decrease of f over an iteration falls below this
     */
    public Lbfgs(int memory, int maxIterations, double tolerance) {
        if (memory < 1 || maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("L-BFGS needs memory >= 1, maxIterations >= 1, tolerance >= 0; got "
                    + memory + ", " + maxIterations + ", " + tolerance);
        }
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Minimises {@code f} from {@code x} (updated in place); returns the final objective value. */
    public double minimise(Objective f, double[] x) {
        int n = x.length;
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] xNew = new double[n];
        double fx = f.evaluate(x, g);
        int stored = 0;
        int head = 0;
        for (int it = 0; it < maxIterations; it++) {
            // two-loop recursion: d = -H g
            System.arraycopy(g, 0, d, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(head - 1 - k, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                scale(d, dot(s[last], y[last]) / dot(y[last], y[last]));
            } else {
                scale(d, 1.0 / Math.max(1e-12, Math.sqrt(dot(g, g))));
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(head - 1 - k, memory);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                stored = 0;
                for (int j = 0; j < n; j++) {
                    d[j] = -g[j];
                }
                slope = dot(g, d);
            }
            double step = 1;
            double fNew;
            int tries = 0;
            while (true) {
                for (int j = 0; j < n; j++) {
                    xNew[j] = x[j] + step * d[j];
                }
                fNew = f.evaluate(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * slope || ++tries > 40) {
                    break;
                }
                step *= 0.5;
            }
            if (tries > 40) {
                break; // no progress possible along d
            }
            int i = head;
            double sy = 0;
            for (int j = 0; j < n; j++) {
                s[i][j] = xNew[j] - x[j];
                y[i][j] = gNew[j] - g[j];
                sy += s[i][j] * y[i][j];
            }
            if (sy > 1e-12) {
                rho[i] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            double decrease = fx - fNew;
            fx = fNew;
            if (decrease <= tolerance * Math.max(1.0, Math.abs(fx))) {
                break;
            }
        }
        return fx;
    }

    private static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r += a[i] * b[i];
        }
        return r;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}
