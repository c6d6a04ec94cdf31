/**
 * Scale-out on Apache Spark of the jobs of {@link org.affect4j.jobs}: {@link org.affect4j.spark.SparkRunner} runs
 * each {@link org.affect4j.jobs.WorkItem} as one Spark partition ({@code local[*]} by default, or a cluster whose
 * executors get the affect4j jars, natives and models with the job: {@link org.affect4j.spark.ClusterShipping});
 * {@link org.affect4j.spark.Runners} maps the commands' {@code --spark} flags to it or to the local runner.
 * Feature extraction is one task per video ({@link org.affect4j.spark.ExtractionJob}); training is one task per
 * model (the items of {@link org.affect4j.experiments}). {@link org.affect4j.spark.RemoteStore} keeps a feature store
 * on a Hadoop file system ({@code hdfs://}, {@code s3a://}) and is the {@link org.affect4j.jobs.RemoteStores} of
 * the Spark-free jobs.
 */
package org.affect4j.spark;
