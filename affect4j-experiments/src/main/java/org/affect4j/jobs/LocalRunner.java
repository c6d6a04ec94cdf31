package org.affect4j.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs items one after another in this JVM, with no Spark: the single-process path, and the reference the Spark
 * runner must agree with. Same skip and failure rules as {@code SparkRunner} (affect4j-spark) (both go through
 * {@link WorkItems#execute}).
 */
public final class LocalRunner implements TaskRunner {
    @Override
    public JobReport run(List<? extends WorkItem> items) {
        TaskRunner.checkUniqueNames(items);
        long t0 = System.nanoTime();
        List<Outcome> out = new ArrayList<>(items.size());
        for (WorkItem w : items) out.add(WorkItems.execute(w));
        return new JobReport(out, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public int coresPerTask() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void close() {
        // holds nothing
    }
}
