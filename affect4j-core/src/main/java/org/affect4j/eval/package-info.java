/**
 * Scoring per-frame expression predictions as the ABAW EXPR track does: macro-F1 over the 8 classes pooled over
 * all annotated frames of all videos, with per-class F1, accuracy and the confusion matrix beside it.
 * {@link org.affect4j.eval.Evaluator} accumulates video by video; {@link org.affect4j.eval.DirectoryScorer} scores a
 * prediction directory against a gold directory; {@link org.affect4j.eval.EvaluationReport} renders the result.
 */
package org.affect4j.eval;
