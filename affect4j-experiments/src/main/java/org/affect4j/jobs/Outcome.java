package org.affect4j.jobs;

import java.io.Serializable;

/**
 * What happened to one {@link WorkItem}.
 *
 * @param name    the item's name
 * @param status  done now, skipped (was already done) or failed
 * @param reason  one line saying why it failed (exception type and message); empty otherwise
 * @param seconds wall time spent on the item in its task
 */
public record Outcome(String name, Status status, String reason, double seconds) implements Serializable {
    /** The three ends of an item. */
    public enum Status {
        /** the item ran and finished in this job */
        DONE,
        /** the item's result already existed (finished by an earlier run); nothing was done */
        SKIPPED,
        /** the item threw; its result was not written */
        FAILED
    }

    public Outcome {
        if (reason.indexOf('\n') >= 0) throw new IllegalArgumentException("an outcome's reason must be one line: " + reason);
    }

    /** True unless the item failed. */
    public boolean ok() {
        return status != Status.FAILED;
    }

    /** {@code name: reason} for failures, {@code name: done in 1.2 s} otherwise. */
    @Override
    public String toString() {
        return switch (status) {
            case FAILED -> name + ": " + reason;
            case SKIPPED -> name + ": already done";
            case DONE -> name + ": done in " + String.format(java.util.Locale.ROOT, "%.1f s", seconds);
        };
    }
}
