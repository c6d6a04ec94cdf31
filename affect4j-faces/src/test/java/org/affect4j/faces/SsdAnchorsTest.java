package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SsdAnchorsTest {
    private static final double EPS = 1e-9;

    @Test
    void frontModelHas896AnchorsOnA16And8Grid() {
        List<SsdAnchors.Anchor> a = BlazeFaceModel.FRONT_128.anchorOptions().generate();
        assertEquals(896, a.size());
        // 16x16 map, 2 anchors per cell, row-major
        assertEquals(1 / 32.0, a.get(0).xCenter(), EPS);
        assertEquals(1 / 32.0, a.get(0).yCenter(), EPS);
        assertEquals(a.get(0).xCenter(), a.get(1).xCenter(), EPS);
        assertEquals(3 / 32.0, a.get(2).xCenter(), EPS);
        assertEquals(1 / 32.0, a.get(2).yCenter(), EPS);
        assertEquals(3 / 32.0, a.get(32).yCenter(), EPS); // second row starts after 16 cells * 2
        assertEquals(31 / 32.0, a.get(511).xCenter(), EPS);
        assertEquals(31 / 32.0, a.get(511).yCenter(), EPS);
        // 8x8 map, 6 anchors per cell (three layers of stride 16, each with an interpolated anchor)
        for (int i = 512; i < 518; i++) {
            assertEquals(1 / 16.0, a.get(i).xCenter(), EPS);
            assertEquals(1 / 16.0, a.get(i).yCenter(), EPS);
        }
        assertEquals(3 / 16.0, a.get(518).xCenter(), EPS);
        assertEquals(15 / 16.0, a.get(895).xCenter(), EPS);
        assertEquals(15 / 16.0, a.get(895).yCenter(), EPS);
        // fixed anchor size
        assertEquals(1.0, a.get(700).width(), EPS);
        assertEquals(1.0, a.get(700).height(), EPS);
    }

    @Test
    void backModelHasTheSameNormalisedGrid() {
        List<SsdAnchors.Anchor> front = BlazeFaceModel.FRONT_128.anchorOptions().generate();
        List<SsdAnchors.Anchor> back = BlazeFaceModel.BACK_256.anchorOptions().generate();
        assertEquals(front.size(), back.size());
        for (int i = 0; i < front.size(); i++) {
            assertEquals(front.get(i).xCenter(), back.get(i).xCenter(), EPS);
            assertEquals(front.get(i).yCenter(), back.get(i).yCenter(), EPS);
        }
    }

    @Test
    void variableSizeAnchorsFollowScalesAndAspectRatios() {
        // one layer of stride 64 on a 128 input: 2x2 cells, aspect ratios 1 and 4, scale (0.2+0.6)/2
        SsdAnchors opts = new SsdAnchors(128, 128, 0.2, 0.6, 0.5, 0.5, new int[] {64}, new double[] {1.0, 4.0},
                false, 0, false);
        List<SsdAnchors.Anchor> a = opts.generate();
        assertEquals(8, a.size());
        assertEquals(0.4, a.get(0).width(), EPS);
        assertEquals(0.4, a.get(0).height(), EPS);
        assertEquals(0.8, a.get(1).width(), EPS);
        assertEquals(0.2, a.get(1).height(), EPS);
        assertEquals(0.75, a.get(7).xCenter(), EPS);
    }
}
