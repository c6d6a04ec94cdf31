/**
 * Scale-out of the two heavy affect4j jobs on Apache Spark: feature extraction (one task per video) and training
 * (one task per model: cross-validation folds, ensemble members, ablation cells).
 *
 * <p>A job is a list of small serializable {@link org.affect4j.spark.WorkItem}s run by a
 * {@link org.affect4j.spark.TaskRunner}: {@link org.affect4j.spark.SparkRunner} (one Spark partition per item,
 * {@code local[*]} by default) or {@link org.affect4j.spark.LocalRunner} (the same items one after another in
 * this JVM, no Spark). Every item is idempotent and writes its result atomically, so a retried task is harmless
 * and a restarted job skips finished items; a failing item becomes a one-line
 * {@link org.affect4j.spark.Outcome} and never stops the others.
 */
package org.affect4j.spark;
