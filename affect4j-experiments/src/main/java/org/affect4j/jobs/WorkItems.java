package org.affect4j.jobs;

/**
 * Runs one {@link WorkItem} the same way in every runner: skip it if done, otherwise run it and turn any exception
 * into a failed {@link Outcome}. Shared by {@link LocalRunner} and {@code SparkRunner} (affect4j-spark) so both report alike.
 */
public final class WorkItems {
    private WorkItems() {
    }

    /**
     * Executes an item and never throws for the item's own failures: one bad video must not sink the job.
     * Virtual-machine errors (out of memory, stack overflow) are not caught: the JVM is no longer trustworthy, and
     * the restart-skips-finished-work rule recovers from the crash.
     */
    public static Outcome execute(WorkItem item) {
        long t0 = System.nanoTime();
        try {
            if (item.isDone()) return new Outcome(item.name(), Outcome.Status.SKIPPED, "", seconds(t0));
            item.run();
            return new Outcome(item.name(), Outcome.Status.DONE, "", seconds(t0));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Exception | LinkageError | AssertionError e) {
            // LinkageError: a missing native library on one executor fails that item, not the whole job
            return new Outcome(item.name(), Outcome.Status.FAILED, oneLine(e), seconds(t0));
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * One line describing a failure: the deepest cause with a message, as {@code SimpleName: first line}, so a
     * report names what went wrong rather than the wrapper that carried it.
     */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank()
                || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String first = m == null || m.isBlank() ? "(no message)" : m.strip().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + ": " + first;
    }
}
