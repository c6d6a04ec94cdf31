/**
 * Temporal models as DJL blocks (METHOD §3): feature fusion, an LSTM encoder whose state is carried from segment to
 * segment of one video, a post-layer-norm Transformer encoder, and the classification head.
 *
 * <p>Tensor layout everywhere is batch-first: inputs {@code [batch, time, features]}, per-frame validity
 * {@code [batch, time]} (1 = real frame, 0 = padding), logits {@code [batch, time, classes]}. A new encoder (for
 * example a temporal convolution) implements {@link org.affect4j.models.TemporalModel}, supplies a
 * {@link org.affect4j.models.TemporalModelFactory} and is registered in {@link org.affect4j.models.TemporalModels};
 * the trainer never names a concrete model. {@link org.affect4j.models.DjlRuntime} sets up the DJL engine before its
 * first use.
 */
package org.affect4j.models;
