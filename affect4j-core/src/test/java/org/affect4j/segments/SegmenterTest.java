package org.affect4j.segments;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SegmenterTest {
    @Test
    void countFollowsTheMethod() {
        for (int n : new int[] {0, 1, 127, 128, 129, 300, 1000}) {
            for (int[] lp : new int[][] {{128, 128}, {128, 64}, {100, 30}}) {
                List<Segment> segs = new Segmenter(lp[0], lp[1]).cut(n);
                assertEquals(n / lp[1] + 1, segs.size(), "n=" + n);
                int[] cover = new int[n];
                for (Segment s : segs) for (int t = 0; t < s.realFrames(); t++) cover[s.start() + t]++;
                for (int f = 0; f < n; f++) assertTrue(cover[f] >= 1, "frame " + f + " uncovered");
            }
        }
        Segment last = Segmenter.nonOverlapping(128).cut(300).get(2);
        assertEquals(256, last.start());
        assertEquals(44, last.realFrames());
        assertFalse(last.mask()[44]);
    }

    @Test
    void toFramesAveragesOverlapsAndGivesEveryFrameOneValue() {
        int n = 250, width = 3;
        Segmenter seg = new Segmenter(100, 40);
        List<Segment> segs = seg.cut(n);
        Random r = new Random(1);
        List<float[]> outs = new ArrayList<>();
        for (Segment s : segs) {
            float[] o = new float[s.length() * width];
            for (int i = 0; i < o.length; i++) o[i] = r.nextFloat();
            outs.add(o);
        }
        float[] frames = Segmenter.toFrames(segs, outs, n, width);
        assertEquals(n * width, frames.length);
        // frame 45 is covered by segments starting at 0 and 40
        double expect = (outs.get(0)[45 * width + 1] + outs.get(1)[5 * width + 1]) / 2.0;
        assertEquals(expect, frames[45 * width + 1], 1e-6);
    }

    @Test
    void identityOutputsRoundTrip() {
        int n = 333, dim = 2;
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) data[i] = i;
        Segmenter seg = new Segmenter(64, 16);
        List<Segment> segs = seg.cut(n);
        List<float[]> outs = segs.stream().map(s -> Segmenter.gather(data, dim, s)).toList();
        assertArrayEquals(data, Segmenter.toFrames(segs, outs, n, dim));
    }

    @Test
    void rejectsStrideLongerThanLength() {
        assertThrows(IllegalArgumentException.class, () -> new Segmenter(10, 11));
    }
}
