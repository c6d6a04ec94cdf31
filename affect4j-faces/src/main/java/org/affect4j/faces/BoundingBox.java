package org.affect4j.faces;

/**
 * An axis-aligned box in pixels.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, not negative
 * @param height height, not negative
 */
public record BoundingBox(double x, double y, double width, double height) {
    public BoundingBox {
        if (!(width >= 0 && height >= 0)) {
            throw new IllegalArgumentException("box size must be non-negative, got " + width + "x" + height);
        }
    }

    /** The box spanning two corners (the order of the corners does not matter). */
    public static BoundingBox ofCorners(double x0, double y0, double x1, double y1) {
        return new BoundingBox(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    }

    public double right() { return x + width; }

    public double bottom() { return y + height; }

    public double centerX() { return x + width / 2; }

    public double centerY() { return y + height / 2; }

    public Point center() { return new Point(centerX(), centerY()); }

    public double area() { return width * height; }

    /** Intersection over union with {@code o}; 0 when either box is empty or they do not overlap. */
    public double iou(BoundingBox o) {
        double iw = Math.min(right(), o.right()) - Math.max(x, o.x);
        double ih = Math.min(bottom(), o.bottom()) - Math.max(y, o.y);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        double union = area() + o.area() - inter;
        return union > 0 ? inter / union : 0;
    }
}
