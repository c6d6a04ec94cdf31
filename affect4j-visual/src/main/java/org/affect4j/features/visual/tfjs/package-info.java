/**
 * TensorFlow.js to ONNX conversion: weight manifests and shards ({@link org.affect4j.features.visual.tfjs.TfjsWeights},
 * with uint8/uint16/float16 dequantisation), graph models ({@link org.affect4j.features.visual.tfjs.TfjsGraphConverter})
 * and face-api's layered expression and landmark nets, whose structure lives in JavaScript source rather than in a graph
 * ({@link org.affect4j.features.visual.tfjs.FaceApiNetConverter}).
 */
package org.affect4j.features.visual.tfjs;
