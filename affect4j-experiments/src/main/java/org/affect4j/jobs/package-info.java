/**
 * Jobs of small idempotent work items, and where they run. A job is a list of serializable
 * {@link org.affect4j.jobs.WorkItem}s handed to a {@link org.affect4j.jobs.TaskRunner}:
 * {@link org.affect4j.jobs.LocalRunner} runs them one after another in this JVM, affect4j-spark's {@code SparkRunner}
 * as one Spark task each. Every item is idempotent and writes its result atomically, so a retried task is harmless
 * and a restarted job skips finished items; a failing item becomes a one-line {@link org.affect4j.jobs.Outcome} and
 * never stops the others. {@link org.affect4j.jobs.ForkedJvm} runs a task in a child JVM of its own (one engine,
 * seed stream and thread budget per running model); {@link org.affect4j.jobs.RemoteStores} reaches a feature store
 * on a Hadoop file system through whichever implementation is on the class path.
 */
package org.affect4j.jobs;
