package org.affect4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * A sequence encoder: one output vector per input frame.
 *
 * <p>Forward contract ({@link Block#forward}): inputs {@code NDList(x, valid, state...)} where {@code x} is
 * {@code [batch, time, inputSize]} float32, {@code valid} is {@code [batch, time]} float32 (1 for a real frame,
 * 0 for padding at the end of the last segment) and {@code state} is what {@link #initialState} made or a previous
 * forward returned; outputs {@code NDList(y, state...)} with {@code y} {@code [batch, time, outputSize()]} and the
 * state after the last frame. Every state array has the batch on axis 1 (as recurrent states
 * {@code [layers, batch, hidden]} do), so the trainer can reset single rows of a batch when a new video starts.
 *
 * <p>A model that does not carry state ({@link #carriesState()} false) returns an empty state and ignores the one
 * given; its segments may be shuffled freely. One that does is fed the segments of a video in order, and must not
 * let padding frames influence the outputs of real frames (padding only ever follows the real frames).
 *
 * <p>Implementations extend DJL's {@code AbstractBlock}; they are not thread-safe (one forward at a time).
 */
public interface TemporalModel extends Block {

    /** Width of the per-frame output vectors. */
    int outputSize();

    /** True when the final state of a segment must start the next segment of the same video. */
    boolean carriesState();

    /**
     * The state of a video's first segment for {@code batch} rows (zeros), attached to {@code manager};
     * an empty list for a stateless model.
     */
    NDList initialState(NDManager manager, int batch);
}
