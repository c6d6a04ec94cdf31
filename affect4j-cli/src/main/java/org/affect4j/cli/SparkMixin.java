package org.affect4j.cli;

import org.affect4j.jobs.TaskRunner;
import org.affect4j.spark.Runners;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --spark} / {@code --master} / {@code --conf} options shared by the commands that can spread their work over Spark. */
final class SparkMixin {
    @Option(names = "--spark", description = "Run one Spark task per item (local[*] unless --master is given).")
    boolean spark;

    @Option(names = "--master", paramLabel = "URL", description = {"Spark master URL, e.g. local[2] or spark://host:7077 (implies --spark).",
            "A cluster's executors get the affect4j jars and the model cache with the job."})
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A Spark setting, e.g. --conf spark.executor.memory=2g (repeatable; implies --spark).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** True when Spark was asked for. */
    boolean enabled() {
        return spark || master != null || !conf.isEmpty();
    }

    /** A runner for the chosen options: Spark, or in this JVM one item after another. */
    TaskRunner open(String app) {
        return Runners.open(spark, master, app, conf);
    }
}
