package org.affect4j.util;

/**
 * Start-up breakdown of a command: with {@code -Daffect4j.phases=true} (e.g. in {@code JAVA_OPTS}) each
 * {@link #mark} prints {@code affect4j: phase <ms since the JVM started> <CPU ms of the process so far> <thread> <what>}
 * on stderr (the CPU figure holds on a loaded machine, where the wall clock does not), so where a
 * {@code predict}'s wall time goes can be read off one run (README "Speed"; the launcher script's own time before the
 * JVM is the wall time less the last mark). Off, a mark costs one field read.
 */
public final class Phases {
    private static final boolean ON = Boolean.getBoolean("affect4j.phases");
    /** The JVM's start in epoch milliseconds (the process's start is only known to the second). */
    private static final long START = ON ? java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() : 0;

    private Phases() {
    }

    /** True when marks are printed (callers skip building costly labels otherwise). */
    public static boolean on() {
        return ON;
    }

    /** Prints that {@code what} happened now (when on). */
    public static void mark(String what) {
        if (!ON) return;
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        System.err.printf("affect4j: phase %6d ms %6d CPU-ms %-28s %s%n", System.currentTimeMillis() - START, cpu,
                Thread.currentThread().getName(), what);
    }
}
