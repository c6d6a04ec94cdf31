package org.affect4j.faces;

import java.util.List;

/**
 * One detected face: its box, a confidence and the six {@link FaceKeypoint}s, all in pixels of the image given to
 * the detector. Immutable.
 *
 * @param box       face box
 * @param score     detector confidence in [0, 1] (1 for detectors without a calibrated score)
 * @param keypoints {@link FaceKeypoint#COUNT} points in {@link FaceKeypoint} order
 */
public record Face(BoundingBox box, float score, List<Point> keypoints) {
    public Face {
        if (keypoints.size() != FaceKeypoint.COUNT) {
            throw new IllegalArgumentException("a face has " + FaceKeypoint.COUNT + " keypoints, got " + keypoints.size());
        }
        keypoints = List.copyOf(keypoints);
    }

    /** The key points as {x0, y0, x1, y1, ...} in {@link FaceKeypoint} order (a new array): the per-frame report's form. */
    public float[] keypointCoordinates() {
        float[] k = new float[2 * keypoints.size()];
        for (int j = 0; j < keypoints.size(); j++) {
            k[2 * j] = (float) keypoints.get(j).x();
            k[2 * j + 1] = (float) keypoints.get(j).y();
        }
        return k;
    }

    /** The position of keypoint {@code k}. */
    public Point keypoint(FaceKeypoint k) {
        return keypoints.get(k.ordinal());
    }

    /** The face a fraction {@code t} (0..1) of the way from {@code a} to {@code b}: every coordinate and the score lerped. */
    public static Face interpolate(Face a, Face b, double t) {
        BoundingBox p = a.box, q = b.box;
        BoundingBox box = new BoundingBox(lerp(p.x(), q.x(), t), lerp(p.y(), q.y(), t),
                lerp(p.width(), q.width(), t), lerp(p.height(), q.height(), t));
        Point[] k = new Point[a.keypoints.size()];
        for (int i = 0; i < k.length; i++) {
            Point u = a.keypoints.get(i), v = b.keypoints.get(i);
            k[i] = new Point(lerp(u.x(), v.x(), t), lerp(u.y(), v.y(), t));
        }
        return new Face(box, (float) lerp(a.score, b.score, t), List.of(k));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    /**
     * This face under the axis-aligned map {@code x' = x*sx + dx, y' = y*sy + dy} (sx, sy positive), used to take
     * detections from a detector's input space back to the frame.
     */
    public Face mapped(double sx, double dx, double sy, double dy) {
        BoundingBox b = new BoundingBox(box.x() * sx + dx, box.y() * sy + dy, box.width() * sx, box.height() * sy);
        Point[] k = new Point[keypoints.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = new Point(keypoints.get(i).x() * sx + dx, keypoints.get(i).y() * sy + dy);
        }
        return new Face(b, score, List.of(k));
    }
}
