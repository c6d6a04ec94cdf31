package org.affect4j.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunnersTest {
    @Test
    void tasksShareTheCoresUnlessTheirThreadsAreFixed() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, cores / 2), Runners.threadsPerTask(2));
        assertEquals(1, Runners.threadsPerTask(cores * 4), "never fewer than one thread");
        try {
            System.setProperty(Runners.TASK_THREADS, "3");
            assertEquals(3, Runners.threadsPerTask(2));
            System.setProperty(Runners.TASK_THREADS, "zero");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Runners.threadsPerTask(2));
            assertEquals("-Daffect4j.taskThreads must be a positive integer, got 'zero'", e.getMessage());
        } finally {
            System.clearProperty(Runners.TASK_THREADS);
        }
    }
}
