package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.affect4j.models.ExpressionNet;

/**
 * Runs batches through an {@link ExpressionNet} and keeps the carried state of a state-carrying encoder between
 * batches: rows marked {@code reset} (a new video in that lane) restart from zeros, the others continue from the
 * previous batch's final state, detached from the graph (truncated back-propagation through time).
 *
 * <p>The state lives on its own sub-manager that outlives the per-step managers, otherwise it would be freed with
 * the step that produced it. Close the runner to free it. Not thread-safe.
 */
final class NetRunner implements AutoCloseable {
    private final ExpressionNet net;
    private final ParameterStore store;
    private final NDManager stateManager;
    private NDList state;

    NetRunner(ExpressionNet net, NDManager parent) {
        this.net = net;
        this.stateManager = parent.newSubManager();
        this.store = new ParameterStore(parent, false);
    }

    /**
     * Forward pass on {@code step}'s manager.
     *
     * @param copies   how many times the batch is stacked (2 for R-Drop's two dropout masks in one pass)
     * @param reset    per batch row: start the state from zero
     * @return logits {@code [copies * B, l, C]}
     */
    NDArray forward(NDManager step, BatchInputs in, int copies, boolean[] reset, boolean training) {
        NDList inputs = new NDList(in.x(step, copies), in.valid(step, copies));
        if (net.encoder().carriesState()) {
            int rows = in.rows * copies;
            if (state == null || state.head().getShape().get(1) != rows) {
                closeState();
                state = net.encoder().initialState(stateManager, rows);
            }
            float[] keep = new float[in.rows];
            for (int r = 0; r < in.rows; r++) keep[r] = reset[r] ? 0f : 1f;
            NDArray keepMask = step.create(BatchInputs.stacked(keep, copies), new Shape(1, rows, 1));
            // keepMask first, so the product lives on the step manager and dies with the step
            for (NDArray s : state) inputs.add(keepMask.mul(s));
        }
        NDList out = net.forward(store, inputs, training);
        if (net.encoder().carriesState()) {
            NDList next = new NDList();
            for (int i = 1; i < out.size(); i++) {
                NDArray detached = out.get(i).stopGradient();
                detached.attach(stateManager);
                next.add(detached);
            }
            closeState();
            state = next;
        }
        return out.head();
    }

    private void closeState() {
        if (state != null) {
            state.close();
            state = null;
        }
    }

    /** Forgets the carried state (the next batch starts from zeros in every row). */
    void resetState() {
        closeState();
    }

    @Override
    public void close() {
        closeState();
        stateManager.close();
    }
}
