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
}
