package org.affect4j.cli;

import org.affect4j.spark.Runners;
import org.affect4j.spark.TaskRunner;
import picocli.CommandLine.Option;

/** The {@code --spark} / {@code --master} options shared by the commands that can spread their work over Spark. */
final class SparkMixin {
    @Option(names = "--spark", description = "Run one Spark task per item (local[*] unless --master is given).")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master URL, e.g. local[2] or spark://host:7077 (implies --spark).")
    String master;

    /** True when Spark was asked for. */
    boolean enabled() {
        return spark || master != null;
    }

    /** A runner for the chosen options: Spark, or in this JVM one item after another. */
    TaskRunner open(String app) {
        return Runners.open(spark, master, app);
    }
}
