package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedNmsTest {
    static Face face(double x, double y, double w, double h, float score) {
        List<Point> kp = new ArrayList<>();
        for (int k = 0; k < FaceKeypoint.COUNT; k++) kp.add(new Point(x + k, y + k));
        return new Face(new BoundingBox(x, y, w, h), score, kp);
    }

    @Test
    void overlappingBoxesAreBlendedByScore() {
        Face a = face(0, 0, 10, 10, 0.9f);
        Face b = face(2, 0, 10, 10, 0.6f); // IoU 80/120 = 0.67
        Face far = face(50, 50, 10, 10, 0.7f);
        List<Face> out = WeightedNms.apply(List.of(b, far, a), 0.3);
        assertEquals(2, out.size());
        Face blended = out.get(0);
        assertEquals(0.9f, blended.score(), 1e-6);
        double xmin = (0 * 0.9 + 2 * 0.6) / 1.5;
        assertEquals(xmin, blended.box().x(), 1e-6);
        assertEquals(xmin + 10, blended.box().right(), 1e-6);
        assertEquals(0, blended.box().y(), 1e-6);
        assertEquals(xmin + 3, blended.keypoint(FaceKeypoint.MOUTH_CENTER).x(), 1e-6);
        assertEquals(far, out.get(1));
    }

    @Test
    void boxesBelowTheThresholdStaySeparateAndOrdered() {
        Face a = face(0, 0, 10, 10, 0.6f);
        Face b = face(8, 0, 10, 10, 0.8f); // IoU 20/180 = 0.11
        List<Face> out = WeightedNms.apply(List.of(a, b), 0.3);
        assertEquals(List.of(b, a), out);
    }

    @Test
    void emptyAndDegenerateInputs() {
        assertTrue(WeightedNms.apply(List.of(), 0.3).isEmpty());
        Face empty = face(5, 5, 0, 0, 0.9f);
        assertEquals(List.of(empty), WeightedNms.apply(List.of(empty), 0.3));
    }
}
