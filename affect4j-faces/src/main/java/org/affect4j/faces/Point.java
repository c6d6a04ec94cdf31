package org.affect4j.faces;

/**
 * A point in pixel coordinates (x to the right, y down; continuous, pixel (i, j) covers [i, i+1) x [j, j+1)).
 *
 * @param x horizontal coordinate
 * @param y vertical coordinate
 */
public record Point(double x, double y) {
    /** Euclidean distance to {@code o}. */
    public double distance(Point o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
