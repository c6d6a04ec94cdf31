package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {
    @Test
    void recoversAKnownTransformExactly() {
        SimilarityTransform t = SimilarityTransform.of(0.37, Math.toRadians(-23), 12.5, -40);
        List<Point> src = List.of(new Point(100, 120), new Point(150, 118), new Point(126, 150), new Point(127, 175));
        List<Point> dst = src.stream().map(t::apply).toList();
        SimilarityTransform e = SimilarityTransform.estimate(src, dst);
        assertEquals(t.a(), e.a(), 1e-12);
        assertEquals(t.b(), e.b(), 1e-12);
        assertEquals(t.tx(), e.tx(), 1e-9);
        assertEquals(t.ty(), e.ty(), 1e-9);
        assertEquals(0.37, e.scale(), 1e-12);
        assertEquals(Math.toRadians(-23), e.rotation(), 1e-12);
    }

    @Test
    void leastSquaresUnderNoiseStaysClose() {
        Random rnd = new Random(3);
        SimilarityTransform t = SimilarityTransform.of(2.0, 0.4, -5, 7);
        List<Point> src = new ArrayList<>(), dst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Point p = new Point(rnd.nextDouble() * 100, rnd.nextDouble() * 100);
            Point q = t.apply(p);
            src.add(p);
            dst.add(new Point(q.x() + rnd.nextGaussian() * 0.5, q.y() + rnd.nextGaussian() * 0.5));
        }
        SimilarityTransform e = SimilarityTransform.estimate(src, dst);
        assertEquals(2.0, e.scale(), 0.01);
        assertEquals(0.4, e.rotation(), 0.01);
    }

    @Test
    void inverseUndoesTheTransform() {
        SimilarityTransform t = SimilarityTransform.of(3.1, 1.2, 4, -9);
        Point p = new Point(17, -3);
        Point back = t.inverse().apply(t.apply(p));
        assertEquals(p.x(), back.x(), 1e-9);
        assertEquals(p.y(), back.y(), 1e-9);
    }

    @Test
    void degenerateInputIsRejected() {
        Point p = new Point(1, 1);
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(p), List.of(p)));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(p, p), List.of(p, p)));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(List.of(p, new Point(2, 2)), List.of(p)));
    }
}
