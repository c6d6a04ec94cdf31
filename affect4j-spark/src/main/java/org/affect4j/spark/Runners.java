package org.affect4j.spark;

/** Picks a {@link TaskRunner} from command-line choices, so every command maps its flags the same way. */
public final class Runners {
    private Runners() {
    }

    /**
     * @param spark  run on Spark; otherwise in this JVM one item after another
     * @param master Spark master URL (null: {@code local[*]}); giving one implies {@code spark}
     * @param app    Spark application name
     * @param conf   further Spark settings ({@code --conf spark.executor.memory=2g}); giving any implies {@code spark}
     */
    public static TaskRunner open(boolean spark, String master, String app, java.util.Map<String, String> conf) {
        if (!spark && master == null && conf.isEmpty()) return new LocalRunner();
        SparkOptions o = SparkOptions.local(app).with(conf);
        return new SparkRunner(master == null ? o : o.withMaster(master));
    }

    /** System property fixing the engine threads of every task (cluster executors, or one core per worker). */
    public static final String TASK_THREADS = "affect4j.taskThreads";

    /**
     * Engine threads each task of {@code runner} gets: {@code -Daffect4j.taskThreads=N} when set, else the cores the
     * runner gives a task ({@link TaskRunner#coresPerTask()}). One thread per Spark task is also the fastest use of
     * this machine's cores: measured in affect4j-spark/RESULTS.md, two one-thread trainings side by side finish
     * sooner than one two-thread training after the other.
     */
    public static int threadsPerTask(TaskRunner runner) {
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
}
