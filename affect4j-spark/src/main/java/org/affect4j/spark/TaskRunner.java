package org.affect4j.spark;

import java.util.List;

/**
 * Runs a list of {@link WorkItem}s and reports one {@link Outcome} per item. A failing item never stops the
 * others; the caller decides what a failure means (the CLI exits non-zero listing {@link JobReport#failures()}).
 *
 * <p>A runner may hold expensive resources (a Spark context): open one per process, run any number of jobs on it,
 * close it once. Not thread-safe: one {@link #run} at a time.
 */
public interface TaskRunner extends AutoCloseable {

    /**
     * Runs every item that is not already done.
     *
     * @param items the job; names should be unique (they identify the items in the report)
     * @return outcomes in item order
     * @throws IllegalArgumentException if two items share a name
     */
    JobReport run(List<? extends WorkItem> items);

    /** How many items this runner executes at the same time. */
    int parallelism();

    /**
     * Cores one item may use: every core of this machine when items run one at a time in this process; on Spark,
     * {@code spark.task.cpus} (default 1), Spark's own accounting in which {@code local[2]} is two cores, one per
     * running task.
     */
    int coresPerTask();

    /** Releases the runner's resources; idempotent. */
    @Override
    void close();

    /** Rejects duplicate names, which would make a report ambiguous and two tasks race on one result. */
    static void checkUniqueNames(List<? extends WorkItem> items) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (WorkItem w : items) {
            if (!seen.add(w.name())) throw new IllegalArgumentException("two work items are named '" + w.name() + "'");
        }
    }
}
