/**
 * Run directories: what one training leaves behind and what resumes, audits or reloads it.
 * {@link org.affect4j.runs.RunDirectory} (layout, status, resuming), {@link org.affect4j.runs.RunProvenance}
 * ({@code run.json}), {@link org.affect4j.runs.Checkpoints} (hashed network and optimiser state per epoch, best and
 * last), {@link org.affect4j.runs.CheckpointAveraging} (the parameter average of the last epochs), per-epoch
 * metrics ({@code metrics.csv}) and figures (learning curves, confusion matrix).
 */
package org.affect4j.runs;
