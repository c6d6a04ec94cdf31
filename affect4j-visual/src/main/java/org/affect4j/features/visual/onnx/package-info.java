/**
 * Writing ONNX models from Java: a minimal protobuf encoder and a graph builder. Used by the TensorFlow.js
 * converters in {@code org.affect4j.features.visual.tfjs}; no protobuf library is needed because only a handful of
 * ONNX message types are ever written.
 */
package org.affect4j.features.visual.onnx;
