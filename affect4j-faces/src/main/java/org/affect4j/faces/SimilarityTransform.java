package org.affect4j.faces;

import java.util.List;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation, no reflection):
 * {@code x' = a*x - b*y + tx}, {@code y' = b*x + a*y + ty}, where {@code a = s*cos(theta)}, {@code b = s*sin(theta)}.
 * Immutable.
 *
 * @param a  s*cos(theta)
 * @param b  s*sin(theta)
 * @param tx translation x
 * @param ty translation y
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /** The identity. */
    public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, 0, 0, 0);

    /**
     * The least-squares similarity mapping {@code src[i]} onto {@code dst[i]} (Umeyama 1991, "Least-squares
     * estimation of transformation parameters between two point patterns", without reflection). In 2-D the
     * solution is closed-form: with both point sets centred on their means, {@code a = sum(s.d)/sum(|s|^2)} and
     * {@code b = sum(s x d)/sum(|s|^2)}, which equals Umeyama's SVD solution with the reflection guard.
     *
     * @throws IllegalArgumentException for fewer than 2 pairs, unequal lengths, or coincident source points
     */
    public static SimilarityTransform estimate(List<Point> src, List<Point> dst) {
        int n = src.size();
        if (n < 2 || dst.size() != n) {
            throw new IllegalArgumentException("need at least 2 point pairs of equal count, got " + n + " and "
                    + dst.size());
        }
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src.get(i).x();
            sy += src.get(i).y();
            dx += dst.get(i).x();
            dy += dst.get(i).y();
        }
        sx /= n; sy /= n; dx /= n; dy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = src.get(i).x() - sx, py = src.get(i).y() - sy;
            double qx = dst.get(i).x() - dx, qy = dst.get(i).y() - dy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (!(norm > 1e-12)) {
            throw new IllegalArgumentException("source points coincide: no similarity transform is defined");
        }
        double a = dot / norm, b = cross / norm;
        return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
    }

    /** A transform from scale, rotation (radians, counter-clockwise in x-right/y-down means clockwise on screen) and shift. */
    public static SimilarityTransform of(double scale, double theta, double tx, double ty) {
        return new SimilarityTransform(scale * Math.cos(theta), scale * Math.sin(theta), tx, ty);
    }

    public double applyX(double x, double y) {
        return a * x - b * y + tx;
    }

    public double applyY(double x, double y) {
        return b * x + a * y + ty;
    }

    public Point apply(Point p) {
        return new Point(applyX(p.x(), p.y()), applyY(p.x(), p.y()));
    }

    /** The uniform scale factor s. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation angle theta in radians. */
    public double rotation() {
        return Math.atan2(b, a);
    }

    /** The inverse transform; {@link IllegalStateException} if the scale is 0. */
    public SimilarityTransform inverse() {
        double d = a * a + b * b;
        if (d == 0) throw new IllegalStateException("a zero-scale transform has no inverse");
        double ia = a / d, ib = -b / d;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
