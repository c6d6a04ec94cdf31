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

    /** The position of keypoint {@code k}. */
    public Point keypoint(FaceKeypoint k) {
        return keypoints.get(k.ordinal());
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
