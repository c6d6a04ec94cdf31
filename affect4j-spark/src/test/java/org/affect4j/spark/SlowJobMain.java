package org.affect4j.spark;

import org.affect4j.jobs.JobReport;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A job for the kill-and-restart test, run in a child JVM: {@code n} items of {@code sleepMillis} each on
 * local[2], writing into {@code dir}. Prints the report and exits non-zero when an item failed.
 */
public final class SlowJobMain {
    private SlowJobMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        long sleep = Long.parseLong(args[2]);
        List<SeededFileItem> items = IntStream.range(0, n)
                .mapToObj(i -> new SeededFileItem(String.format("item%02d", i), dir.toString(), i, 10, sleep)).toList();
        try (SparkRunner r = new SparkRunner(SparkOptions.local("affect4j-kill-test").withMaster("local[2]"))) {
            JobReport report = r.run(items);
            System.out.println(report.format());
            System.exit(report.ok() ? 0 : 1);
        }
    }
}
