package org.affect4j.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunnersTest {
    @Test
    void aTaskGetsTheCoresItsRunnerGivesUnlessItsThreadsAreFixed() {
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalRunner local = new LocalRunner();
             SparkRunner spark = new SparkRunner(SparkOptions.local("affect4j-runners-test").withMaster("local[2]"))) {
            assertEquals(cores, Runners.threadsPerTask(local), "one item at a time: all cores");
            assertEquals(1, Runners.threadsPerTask(spark), "Spark's accounting: a worker slot is one core");
            try {
                System.setProperty(Runners.TASK_THREADS, "3");
                assertEquals(3, Runners.threadsPerTask(spark));
                assertEquals(3, Runners.threadsPerTask(local));
                System.setProperty(Runners.TASK_THREADS, "zero");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Runners.threadsPerTask(spark));
                assertEquals("-Daffect4j.taskThreads must be a positive integer, got 'zero'", e.getMessage());
            } finally {
                System.clearProperty(Runners.TASK_THREADS);
            }
        }
    }
}
