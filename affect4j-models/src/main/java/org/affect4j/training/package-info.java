/**
 * Training and prediction of the temporal models (METHOD §4): the R-Drop loss, Adam with global-norm clipping,
 * the segment batcher (carried state for recurrent models), checkpoints, run directories with provenance,
 * metrics and figures, and per-frame prediction from a finished run.
 *
 * <p>Entry points: {@link org.affect4j.training.Training#run} and {@link org.affect4j.training.RunPredictor#load}.
 * Experiments are described by one YAML or JSON file read by {@link org.affect4j.training.ExperimentConfigs}.
 */
package org.affect4j.training;
