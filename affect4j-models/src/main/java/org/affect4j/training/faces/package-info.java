/**
 * Fine-tuning of face-api's expression network on aligned face crops: the network as a DJL block built from (and
 * read back out as) its TensorFlow.js weights ({@link org.affect4j.training.faces.FaceApiExpressionNet},
 * {@link org.affect4j.training.faces.NamedTensor}), and a cross-entropy trainer
 * ({@link org.affect4j.training.faces.FaceNetTrainer}) whose caller picks the epoch on its own validation score.
 * The ONNX conversion of the weights stays in {@code affect4j-visual} (this module does not depend on it).
 */
package org.affect4j.training.faces;
