package org.affect4j.training;

import org.affect4j.training.data.Sequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lanes keep each video's segments in order in one lane and reset exactly when a lane starts a new video. */
class SegmentBatcherTest {
    @Test
    void lanesRunVideosInOrderAndResetAtVideoStarts() {
        List<Sequence> data = new ArrayList<>();
        for (int frames : new int[] {25, 5, 40, 10}) data.add(new Sequence("v" + frames, frames, 1, new float[frames], new int[frames]));
        SegmentBatcher b = new SegmentBatcher(10, 10, 2);
        List<SegmentBatcher.Batch> batches = b.lanes(data, new SplittableRandom(1));
        int[] next = new int[data.size()];
        int segments = 0;
        for (SegmentBatcher.Batch batch : batches) {
            for (int lane = 0; lane < 2; lane++) {
                SegmentBatcher.SegmentRef r = batch.rows()[lane];
                if (r == null) continue;
                segments++;
                assertEquals(next[r.sequence()], r.start(), "segments of a video come in order");
                assertEquals(r.start() == 0, batch.reset()[lane], "reset exactly at a video's first segment");
                next[r.sequence()] += 10;
            }
        }
        // 25 -> 3, 5 -> 1, 40 -> 4 (the all-padding 5th is not batched), 10 -> 1
        assertEquals(9, segments);
        List<SegmentBatcher.Batch> shuffled = new SegmentBatcher(16, 8, 4).shuffled(data, new SplittableRandom(2));
        int total = shuffled.stream().mapToInt(x -> x.rows().length).sum();
        assertEquals(4 + 1 + 5 + 2, total); // floor(n/8)+1 minus empty tails: 25->4, 5->1, 40->5, 10->2
        assertTrue(shuffled.get(0).reset()[0]);
        assertFalse(batches.isEmpty());
    }
}
