package org.affect4j.spark;

import org.affect4j.jobs.LocalRunner;
import org.affect4j.jobs.TaskRunner;

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
}
