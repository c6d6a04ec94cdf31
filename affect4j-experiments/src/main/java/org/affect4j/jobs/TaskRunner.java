package org.affect4j.jobs;

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

    /** System property fixing the engine threads of every task (cluster executors, or one core per worker). */
    String TASK_THREADS = "affect4j.taskThreads";

    /**
     * Engine threads each task of {@code runner} gets: {@code -Daffect4j.taskThreads=N} when set, else the cores the
     * runner gives a task ({@link TaskRunner#coresPerTask()}). One thread per Spark task is also the fastest use of
     * this machine's cores: measured in affect4j-spark/RESULTS.md, two one-thread trainings side by side finish
     * sooner than one two-thread training after the other.
     */
    static int threadsPerTask(TaskRunner runner) {
        String fixed = System.getProperty(TASK_THREADS);
        if (fixed != null && !fixed.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(fixed.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) throw new IllegalArgumentException("-D" + TASK_THREADS + " must be a positive integer, got '" + fixed + "'");
            return n;
        }
        return Math.max(1, runner.coresPerTask());
    }

    /** Rejects duplicate names, which would make a report ambiguous and two tasks race on one result. */
    static void checkUniqueNames(List<? extends WorkItem> items) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (WorkItem w : items) {
            if (!seen.add(w.name())) throw new IllegalArgumentException("two work items are named '" + w.name() + "'");
        }
    }
}
