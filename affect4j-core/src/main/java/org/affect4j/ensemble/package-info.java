/**
 * Ensembles of per-frame predictions (METHOD §5): {@link org.affect4j.ensemble.MajorityVote} over labels, with ties
 * going to the model with the best validation macro-F1, and {@link org.affect4j.ensemble.ProbabilityAverage} over
 * per-class probabilities. {@link org.affect4j.ensemble.DirectoryEnsemble} applies a rule to prediction directories.
 */
package org.affect4j.ensemble;
