package org.affect4j.spark;

import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.Outcome;
import org.affect4j.jobs.TaskRunner;
import org.affect4j.jobs.WorkItem;
import org.affect4j.jobs.WorkItems;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;

/**
 * Runs items as Spark tasks, one partition per item, so Spark's scheduler hands the next item to whichever worker
 * is free (items differ widely in length: a 10-minute video beside a 5-second one).
 *
 * <p>Items are serialized to the executors; each runs {@link WorkItems#execute} there and only the small
 * {@link Outcome} comes back. Closing the runner stops the Spark context if this runner created it.
 */
public final class SparkRunner implements TaskRunner {
    private final JavaSparkContext sc;
    private final boolean owned;

    /** Starts a Spark context (about 2.5 s on this project's machines). */
    public SparkRunner(SparkOptions options) {
        SparkEnvironment.prepare();
        this.sc = new JavaSparkContext(options.toConf());
        this.sc.setLogLevel("WARN");
        this.owned = true;
    }

    /** Uses a context owned by the caller (not stopped by {@link #close()}). */
    public SparkRunner(JavaSparkContext sc) {
        this.sc = sc;
        this.owned = false;
    }

    @Override
    public JobReport run(List<? extends WorkItem> items) {
        TaskRunner.checkUniqueNames(items);
        long t0 = System.nanoTime();
        if (items.isEmpty()) return new JobReport(List.of(), 0);
        List<WorkItem> list = List.copyOf(items);
        List<Outcome> out = sc.parallelize(list, list.size()).map(WorkItems::execute).collect();
        return new JobReport(out, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public int parallelism() {
        return sc.defaultParallelism();
    }

    @Override
    public int coresPerTask() {
        return sc.getConf().getInt("spark.task.cpus", 1);
    }

    /** The underlying context, for jobs that need more than item-per-task. */
    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public void close() {
        if (owned) sc.stop();
    }
}
