/**
 * The competition experiments of METHOD §5 on top of the training library: k-fold cross-validation by video with
 * the validation set as the last fold ({@link org.affect4j.experiments.CrossValidation}), a train+validation mix
 * model, fold ensembles for the test set, and ablation grids over feature sets and models
 * ({@link org.affect4j.experiments.Ablation}). Every model is one {@link org.affect4j.experiments.TrainingItem},
 * trained in a child JVM by {@link org.affect4j.experiments.TrainingProcess}, so a whole experiment is one job for a
 * {@link org.affect4j.jobs.TaskRunner}: in this JVM, or on Spark with affect4j-spark's runner. Nothing here depends
 * on Spark.
 */
package org.affect4j.experiments;
