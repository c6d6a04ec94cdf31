package org.affect4j.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Non-maximum suppression by blending, as MediaPipe's {@code NonMaxSuppressionCalculator} does with
 * {@code algorithm: WEIGHTED} and {@code overlap_type: INTERSECTION_OVER_UNION}: take the highest-scoring remaining
 * detection, gather every remaining detection whose IoU with it exceeds the threshold (itself included), and emit
 * their score-weighted average box corners and keypoints with the top detection's score. BlazeFace fires on many
 * neighbouring anchors for one face; averaging them steadies the box and keypoints from frame to frame, which plain
 * NMS (keep the top one) does not.
 */
public final class WeightedNms {
    /** MediaPipe's {@code min_suppression_threshold} for BlazeFace. */
    public static final double DEFAULT_IOU_THRESHOLD = 0.3;

    private WeightedNms() {
    }

    /** Blended detections, highest score first. {@code detections} is not modified. */
    public static List<Face> apply(List<Face> detections, double iouThreshold) {
        List<Face> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble((Face f) -> f.score()).reversed());
        List<Face> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Face top = remaining.get(0);
            List<Face> cluster = new ArrayList<>();
            List<Face> rest = new ArrayList<>();
            for (Face f : remaining) {
                (f.box().iou(top.box()) > iouThreshold ? cluster : rest).add(f);
            }
            // the top box always overlaps itself, unless it is empty: keep it as is then
            out.add(cluster.isEmpty() ? top : blend(cluster, top.score()));
            if (cluster.isEmpty()) rest.remove(top);
            remaining = rest;
        }
        return out;
    }

    private static Face blend(List<Face> cluster, float score) {
        double total = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        double[] kx = new double[FaceKeypoint.COUNT];
        double[] ky = new double[FaceKeypoint.COUNT];
        for (Face f : cluster) {
            double w = f.score();
            total += w;
            x0 += f.box().x() * w;
            y0 += f.box().y() * w;
            x1 += f.box().right() * w;
            y1 += f.box().bottom() * w;
            for (int k = 0; k < kx.length; k++) {
                kx[k] += f.keypoints().get(k).x() * w;
                ky[k] += f.keypoints().get(k).y() * w;
            }
        }
        List<Point> kp = new ArrayList<>(kx.length);
        for (int k = 0; k < kx.length; k++) kp.add(new Point(kx[k] / total, ky[k] / total));
        return new Face(BoundingBox.ofCorners(x0 / total, y0 / total, x1 / total, y1 / total), score, kp);
    }
}
