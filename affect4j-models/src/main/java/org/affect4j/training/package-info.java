/**
 * The training loop of the temporal models (METHOD §4): {@link org.affect4j.training.Training#run} trains one
 * experiment into a run directory, epoch by epoch ({@code EpochTrainer}) with the R-Drop loss, Adam with global-norm
 * clipping, and the segment batcher (carried state for recurrent models), validating each epoch through
 * {@link org.affect4j.training.SequencePredictor}, which also serves prediction from finished runs.
 *
 * <p>What it reads and writes lives beside it: the experiment file in {@link org.affect4j.training.config}, the
 * rows fed to the network in {@link org.affect4j.training.data}, run directories and checkpoints in
 * {@link org.affect4j.runs}, prediction from a finished run in {@link org.affect4j.inference}.
 */
package org.affect4j.training;
