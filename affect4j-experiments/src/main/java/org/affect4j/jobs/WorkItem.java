package org.affect4j.jobs;

import java.io.Serializable;

/**
 * One unit of a distributed job: a small serializable description (paths and names, never data or open resources)
 * whose {@link #run()} calls the same library code as the single-process command.
 *
 * <p>Contract, relied on by every {@link TaskRunner}:
 * <ul>
 *   <li><b>idempotent</b>: running an item twice (a Spark retry, a restarted job) gives the same result;</li>
 *   <li><b>atomic</b>: {@link #run()} leaves either its complete result or nothing that {@link #isDone()} mistakes
 *       for one (write to a temporary name, then rename);</li>
 *   <li><b>self-contained</b>: it opens and closes whatever native resources it needs inside {@link #run()}, since
 *       it may execute in another JVM than the one that built it.</li>
 * </ul>
 * Implementations are immutable records; they must be {@link Serializable} with all their fields.
 */
public interface WorkItem extends Serializable {

    /** A short unique name for reports, e.g. the video name or {@code fold-3}. */
    String name();

    /** True when the result of this item is already complete, so a restarted job can skip it. */
    boolean isDone();

    /**
     * Does the work. Any exception marks this item failed (with its message as the reason) without stopping the
     * job.
     *
     * @throws Exception whatever the library code throws
     */
    void run() throws Exception;
}
