package org.affect4j.spark;

import org.affect4j.jobs.LocalRunner;
import org.affect4j.jobs.TaskRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunnersTest {
    @Test
    void aTaskGetsTheCoresItsRunnerGivesUnlessItsThreadsAreFixed() {
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalRunner local = new LocalRunner();
             SparkRunner spark = new SparkRunner(SparkOptions.local("affect4j-runners-test").withMaster("local[2]"))) {
            assertEquals(cores, TaskRunner.threadsPerTask(local), "one item at a time: all cores");
            assertEquals(1, TaskRunner.threadsPerTask(spark), "Spark's accounting: a worker slot is one core");
            try {
                System.setProperty(TaskRunner.TASK_THREADS, "3");
                assertEquals(3, TaskRunner.threadsPerTask(spark));
                assertEquals(3, TaskRunner.threadsPerTask(local));
                System.setProperty(TaskRunner.TASK_THREADS, "zero");
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskRunner.threadsPerTask(spark));
                assertEquals("-Daffect4j.taskThreads must be a positive integer, got 'zero'", e.getMessage());
            } finally {
                System.clearProperty(TaskRunner.TASK_THREADS);
            }
        }
    }
}
