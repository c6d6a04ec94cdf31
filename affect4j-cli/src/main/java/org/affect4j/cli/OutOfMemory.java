package org.affect4j.cli;

import java.util.Locale;

/**
 * Running out of memory, said as one line that names what to change, never as a JVM stack trace: the Java heap
 * (an {@link OutOfMemoryError} anywhere in the cause chain, in any thread) or native memory (the PyTorch engine's
 * allocator failing).
 */
final class OutOfMemory {
    private OutOfMemory() {
    }

    /** True when {@code e}, or something in its cause chain, is running out of memory. */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("std::bad_alloc") || m.contains("not enough memory")) return true;
        }
        return false;
    }

    /** The line: what ran out, how much heap this JVM has, and the three things to change. */
    static String message(Throwable e) {
        String what = "memory";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError && t.getMessage() != null) {
                what = t.getMessage();
                break;
            }
        }
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        return "out of memory (" + what + "; this JVM's heap may grow to " + heapMb + " MB): give it more with"
                + " AFFECT4J_HEAP (e.g. AFFECT4J_HEAP=8g ./affect4j ..., or JAVA_OPTS=-Xmx8g), or need less: a smaller"
                + " training.batchSize, fewer threads (AFFECT4J_THREADS=1), fewer Spark workers (--master local[1])";
    }
}
