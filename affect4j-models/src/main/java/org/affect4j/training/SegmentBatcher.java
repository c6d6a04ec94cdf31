package org.affect4j.training;

import org.affect4j.segments.Segment;
import org.affect4j.segments.Segmenter;
import org.affect4j.training.data.VideoRows;
import org.affect4j.util.Shuffle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts sequences into segments (METHOD §3) and groups them into batches.
 *
 * <p>Segments come from the foundation's {@link Segmenter} ({@code floor(n/p)+1} segments of l frames, the tail
 * padded); the all-padding segment it keeps when p divides n is not batched, since it carries nothing.
 *
 * <p>Two batch plans: for stateless models, segments are shuffled (training) and cut into batches of B; for models
 * that carry state, the batch has B lanes and each lane runs the segments of one video in order, taking the next
 * video when its video ends ({@link Batch#reset()} marks the rows whose state must restart from zero). Immutable.
 */
final class SegmentBatcher {
    /** A segment of sequence {@code sequence} (an index in the list). */
    record SegmentRef(int sequence, Segment segment) {
        int start() {
            return segment.start();
        }
    }

    /** One step's segments; a null row is an idle lane (all padding). */
    record Batch(SegmentRef[] rows, boolean[] reset) {
    }

    private final Segmenter segmenter;
    private final int length;
    private final int batchSize;

    SegmentBatcher(int length, int stride, int batchSize) {
        if (length < 1 || stride < 1 || stride > length || batchSize < 1) {
            throw new IllegalArgumentException("invalid segmenting: length " + length + ", stride " + stride
                    + " (must be in 1..length), batch " + batchSize);
        }
        this.segmenter = new Segmenter(length, stride);
        this.length = length;
        this.batchSize = batchSize;
    }

    int length() {
        return length;
    }

    /** The segments of a sequence of {@code frames} frames. */
    List<SegmentRef> segments(int sequence, int frames) {
        List<SegmentRef> out = new ArrayList<>();
        for (Segment s : segmenter.cut(frames)) {
            if (s.realFrames() > 0) out.add(new SegmentRef(sequence, s));
        }
        return out;
    }

    /** Batches for a stateless model; {@code rng} null keeps the order (prediction). */
    List<Batch> shuffled(List<? extends VideoRows> data, SplittableRandom rng) {
        List<SegmentRef> all = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) all.addAll(segments(i, data.get(i).frames()));
        if (rng != null) Shuffle.inPlace(all, rng);
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < all.size(); b += batchSize) {
            int n = Math.min(batchSize, all.size() - b);
            SegmentRef[] rows = all.subList(b, b + n).toArray(new SegmentRef[0]);
            boolean[] reset = new boolean[n];
            java.util.Arrays.fill(reset, true);
            out.add(new Batch(rows, reset));
        }
        return out;
    }

    /** Lane batches for a state-carrying model; {@code rng} null keeps the video order (prediction). */
    List<Batch> lanes(List<? extends VideoRows> data, SplittableRandom rng) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) order.add(i);
        if (rng != null) Shuffle.inPlace(order, rng);
        Deque<Integer> pending = new ArrayDeque<>(order);
        int lanes = Math.min(batchSize, Math.max(1, data.size()));
        List<Deque<SegmentRef>> queues = new ArrayList<>();
        for (int i = 0; i < lanes; i++) queues.add(new ArrayDeque<>());
        List<Batch> out = new ArrayList<>();
        while (true) {
            SegmentRef[] rows = new SegmentRef[lanes];
            boolean[] reset = new boolean[lanes];
            boolean any = false;
            for (int i = 0; i < lanes; i++) {
                Deque<SegmentRef> q = queues.get(i);
                if (q.isEmpty()) {
                    reset[i] = true;
                    while (q.isEmpty() && !pending.isEmpty()) {
                        int s = pending.poll();
                        q.addAll(segments(s, data.get(s).frames()));
                    }
                }
                rows[i] = q.poll();
                any |= rows[i] != null;
            }
            if (!any) return out;
            out.add(new Batch(rows, reset));
        }
    }
}
