/**
 * Writing, reading back and quantising ONNX models from Java: a minimal protobuf encoder and decoder, a graph builder
 * ({@link org.affect4j.onnx.OnnxGraphBuilder}), an editable model read back from its bytes
 * ({@link org.affect4j.onnx.OnnxModel}) and a static int8 quantiser for the converted graphs
 * ({@link org.affect4j.onnx.Int8Quantizer}, behind {@code faceres-int8}). Used by the TensorFlow.js converters
 * ({@code org.affect4j.features.visual.tfjs}) and by the graphs the project writes for its own networks (the
 * Transformers run by ONNX Runtime); in core so that every module can write a graph. No protobuf library is needed
 * because only a handful of ONNX message types are ever written or read.
 */
package org.affect4j.onnx;
