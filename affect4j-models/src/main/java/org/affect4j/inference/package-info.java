/**
 * Per-frame prediction with a finished run: {@link org.affect4j.inference.RunPredictor} rebuilds the network from
 * the run's resolved experiment and a checkpoint, and predicts or scores store videos;
 * {@link org.affect4j.inference.CheckpointChoice} names the checkpoint ({@code best}, {@code last},
 * {@code epoch-0023}, {@code average-3}) in one vocabulary for every command.
 */
package org.affect4j.inference;
