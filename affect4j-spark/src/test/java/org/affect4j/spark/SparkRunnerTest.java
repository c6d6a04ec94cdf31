package org.affect4j.spark;

import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.LocalRunner;
import org.affect4j.jobs.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The item-per-task machinery on a real local[2] Spark context (one per class: it takes ~2.5 s to start). */
class SparkRunnerTest {
    private static SparkRunner spark;

    @BeforeAll
    static void start() {
        spark = new SparkRunner(SparkOptions.local("affect4j-test").withMaster("local[2]"));
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static List<SeededFileItem> items(Path dir, String... names) {
        return IntStream.range(0, names.length)
                .mapToObj(i -> new SeededFileItem(names[i], dir.toString(), 1000 + i, 50, 0)).toList();
    }

    @Test
    void runsEveryItemAndKeepsTheirOrder(@TempDir Path dir) throws Exception {
        List<SeededFileItem> job = items(dir, "v1", "v2", "v3", "v4", "v5");
        JobReport r = spark.run(job);
        assertTrue(r.ok(), r.format());
        assertEquals(List.of("v1", "v2", "v3", "v4", "v5"), r.outcomes().stream().map(Outcome::name).toList());
        for (SeededFileItem it : job) assertTrue(Files.isRegularFile(it.output()), it.name());
        assertEquals(2, spark.parallelism());
    }

    @Test
    void aFailingItemIsReportedByNameAndTheOthersComplete(@TempDir Path dir) {
        JobReport r = spark.run(items(dir, "a", "bad-clip", "b", "c"));
        assertEquals(1, r.failures().size());
        Outcome f = r.failures().get(0);
        assertEquals("bad-clip", f.name());
        assertEquals("IOException: cannot decode bad-clip.mp4: invalid data found", f.reason());
        assertEquals(3, r.count(Outcome.Status.DONE));
        assertTrue(r.format().contains("failed: bad-clip: IOException: cannot decode"), r.format());
        assertFalse(Files.exists(dir.resolve("bad-clip.txt")));
    }

    @Test
    void aRerunRedoesOnlyUnfinishedItems(@TempDir Path dir) throws Exception {
        List<SeededFileItem> job = items(dir, "a", "bad", "b");
        spark.run(job);
        JobReport again = spark.run(job);
        assertEquals(2, again.count(Outcome.Status.SKIPPED));
        assertEquals(1, again.count(Outcome.Status.FAILED));
        List<String> ran = SeededFileItem.executions(dir);
        assertEquals(4, ran.size(), ran.toString());
        assertEquals(2, ran.stream().filter("bad"::equals).count());
    }

    @Test
    void sparkAndLocalRunnersWriteTheSameResults(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("spark")), b = Files.createDirectory(dir.resolve("local"));
        spark.run(items(a, "x", "y", "z"));
        try (LocalRunner local = new LocalRunner()) {
            local.run(items(b, "x", "y", "z"));
        }
        for (String n : List.of("x", "y", "z")) {
            assertEquals(Files.readString(b.resolve(n + ".txt")), Files.readString(a.resolve(n + ".txt")), n);
        }
    }

    @Test
    void duplicateNamesAreRejectedBeforeAnyWork(@TempDir Path dir) throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> spark.run(items(dir, "a", "b", "a")));
        assertTrue(e.getMessage().contains("'a'"));
        assertTrue(SeededFileItem.executions(dir).isEmpty());
    }

    @Test
    void anEmptyJobIsAnEmptyReport() {
        JobReport r = spark.run(List.of());
        assertTrue(r.ok());
        assertEquals("0 items: 0 done, 0 already done, 0 failed in 0.0 s", r.summary());
    }
}
