package org.affect4j.faces;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into faces, as MediaPipe's {@code TensorsToDetectionsCalculator} does for the face
 * graphs: per anchor 16 regressors (box centre x, y, width, height, then six keypoints as x, y; "reverse output
 * order", i.e. x before y) scaled by the input size and offset by the anchor centre, and one logit, clipped to
 * [-100, 100] then passed through a sigmoid. Anchors scoring below the threshold are dropped; the rest are blended
 * by {@link WeightedNms}. Coordinates come out in model-input pixels. Pure Java and stateless: thread-safe.
 */
public final class BlazeFaceDecoder {
    /** MediaPipe's {@code score_clipping_thresh}. */
    static final double SCORE_CLIP = 100;
    /** Values per anchor: 4 box values and 6 keypoints of 2. */
    public static final int COORDS = 4 + 2 * FaceKeypoint.COUNT;

    private final double[] anchorX;
    private final double[] anchorY;
    private final double inputSize;
    private final double minScore;
    private final double iouThreshold;

    /**
     * @param anchors      anchors in output order ({@link SsdAnchors#generate()}); fixed size, so only centres count
     * @param inputSize    model input side in pixels (MediaPipe's x/y/w/h scale)
     * @param minScore     minimum sigmoid score kept (MediaPipe uses 0.5)
     * @param iouThreshold blending threshold ({@link WeightedNms#DEFAULT_IOU_THRESHOLD})
     */
    public BlazeFaceDecoder(List<SsdAnchors.Anchor> anchors, int inputSize, double minScore, double iouThreshold) {
        if (!(minScore >= 0 && minScore < 1)) {
            throw new IllegalArgumentException("minimum score must be in [0, 1), got " + minScore);
        }
        anchorX = new double[anchors.size()];
        anchorY = new double[anchors.size()];
        for (int i = 0; i < anchorX.length; i++) {
            anchorX[i] = anchors.get(i).xCenter();
            anchorY[i] = anchors.get(i).yCenter();
        }
        this.inputSize = inputSize;
        this.minScore = minScore;
        this.iouThreshold = iouThreshold;
    }

    /** Number of anchors, i.e. of output rows expected. */
    public int anchorCount() {
        return anchorX.length;
    }

    /**
     * Decodes one image's outputs.
     *
     * @param logits  {@code [anchors]} raw scores
     * @param regress {@code [anchors * 16]} raw regressors, row-major
     * @return blended faces in model-input pixels, highest score first
     */
    public List<Face> decode(float[] logits, float[] regress) {
        if (logits.length != anchorX.length || regress.length != anchorX.length * COORDS) {
            throw new IllegalArgumentException("expected " + anchorX.length + " scores and " + anchorX.length * COORDS
                    + " regressors, got " + logits.length + " and " + regress.length);
        }
        List<Face> raw = new ArrayList<>();
        for (int a = 0; a < anchorX.length; a++) {
            double score = sigmoid(Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, logits[a])));
            if (score < minScore) continue;
            raw.add(decodeAnchor(a, regress, (float) score));
        }
        return WeightedNms.apply(raw, iouThreshold);
    }

    private Face decodeAnchor(int a, float[] r, float score) {
        int o = a * COORDS;
        double ax = anchorX[a] * inputSize;
        double ay = anchorY[a] * inputSize;
        double cx = ax + r[o];
        double cy = ay + r[o + 1];
        double w = r[o + 2];
        double h = r[o + 3];
        List<Point> kp = new ArrayList<>(FaceKeypoint.COUNT);
        for (int k = 0; k < FaceKeypoint.COUNT; k++) {
            kp.add(new Point(ax + r[o + 4 + 2 * k], ay + r[o + 5 + 2 * k]));
        }
        return new Face(new BoundingBox(cx - w / 2, cy - h / 2, Math.max(0, w), Math.max(0, h)), score, kp);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
