package org.affect4j.spark;

/** Picks a {@link TaskRunner} from command-line choices, so every command maps its flags the same way. */
public final class Runners {
    private Runners() {
    }

    /**
     * @param spark  run on Spark; otherwise in this JVM one item after another
     * @param master Spark master URL (null: {@code local[*]}); giving one implies {@code spark}
     * @param app    Spark application name
     */
    public static TaskRunner open(boolean spark, String master, String app) {
        if (!spark && master == null) return new LocalRunner();
        SparkOptions o = SparkOptions.local(app);
        return new SparkRunner(master == null ? o : o.withMaster(master));
    }

    /** System property fixing the engine threads of every task (cluster executors, or one core per worker). */
    public static final String TASK_THREADS = "affect4j.taskThreads";

    /**
     * Engine threads each task gets: {@code -Daffect4j.taskThreads=N} when set (on a cluster the driver's core
     * count says nothing about the executors'), else this machine's cores shared among the tasks that run at once.
     */
    public static int threadsPerTask(int parallelism) {
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
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallelism));
    }
}
