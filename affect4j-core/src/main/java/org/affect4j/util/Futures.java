package org.affect4j.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a task that runs on a pool, with its own failure rethrown as it was thrown. */
public final class Futures {
    private Futures() {
    }

    /**
     * The task's result. A {@link RuntimeException} or {@link Error} of the task is rethrown unchanged (so a bad-input
     * message reaches the user as the task wrote it); a checked one is wrapped.
     *
     * @param activity what the task does, for the messages ("analysing audio")
     * @throws IllegalStateException when interrupted (the interrupt flag is set again) or for a checked failure
     */
    public static <T> T join(Future<T> f, String activity) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + activity, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(activity + " failed: " + e.getCause(), e.getCause());
        }
    }
}
