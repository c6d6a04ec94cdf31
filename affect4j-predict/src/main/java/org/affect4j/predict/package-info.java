/**
 * The public API of affect4j: per-frame facial expression of any input, from the face and the voice.
 * {@link org.affect4j.predict.ExpressionRecognizer} predicts videos, audio files, pictures and folders of frames
 * into an {@link org.affect4j.predict.ExpressionTrack} (per frame: a {@link org.affect4j.predict.FrameExpression},
 * the detector's {@link org.affect4j.predict.FaceDetails}); {@link org.affect4j.predict.LiveRecognizer} does the
 * same for a live source as it plays. An {@link org.affect4j.predict.ExpressionModel} turns frame-aligned features
 * into class probabilities: the shipped default, a training run ({@link org.affect4j.predict.RunModel}) or the
 * user's own, found by {@link org.affect4j.predict.ExpressionModels}.
 *
 * <p>Beside it: {@code model} (the late-fusion default model), {@code recipe} (how the default model is built),
 * {@code report} (the output files).
 */
package org.affect4j.predict;
