/**
 * Visual face embeddings from real pretrained weights, and a bring-your-own ONNX image extractor.
 *
 * <h2>Extractors</h2>
 * {@link org.affect4j.features.visual.VisualExtractors#create(String, int)} opens one by name:
 * {@code faceapi-expr} (256-d), {@code faceapi-expr-tight} (256-d), {@code faceapi-expr-scores} (7),
 * {@code faceapi-landmarks} (136: 68 points), {@code faceres} (1024-d), {@code faceres-int8} (1024-d, faceres with
 * integer convolutions), {@code mobilefacenet} (192-d), or
 * {@code onnx:<config.json>} ({@link org.affect4j.features.visual.OnnxImageConfig}). All are
 * {@link org.affect4j.features.visual.OnnxImageExtractor}s: pre-processing in Java
 * ({@link org.affect4j.features.visual.ImagePreprocessor}), inference by ONNX Runtime with explicit intra-op threads.
 * Inputs are expected to be square, aligned face crops (e.g. the 112x112 crops of affect4j-faces or Aff-Wild2's
 * {@code cropped_aligned}); other aspect ratios are stretched, not padded.
 *
 * <h2>Why convert TensorFlow.js to ONNX (and not run the graphs on DJL)</h2>
 * The weights ship as TensorFlow.js models. We convert them with our own Java converter
 * ({@code org.affect4j.features.visual.tfjs}) to ONNX and run them on ONNX Runtime rather than re-implementing the
 * graphs as DJL/PyTorch blocks, because: (1) inference needs only ONNX Runtime (53 MB) instead of the PyTorch native
 * library (430 MB unpacked), so the feature-extraction module stays light and the same runtime serves the
 * bring-your-own ONNX models and the face detector; (2) a converted file is an ordinary ONNX model a user can
 * inspect or run elsewhere; (3) the op sets are small (convolutions, element-wise ops, reductions, matmul), so the
 * converter is a few hundred lines with no protobuf dependency ({@code org.affect4j.onnx}).
 * Outputs match the original TensorFlow.js code to better than 1e-5 (ReferenceOutputsTest, tolerance 1e-3).
 *
 * <h2>When conversion happens, and the cache</h2>
 * Lazily, on the first use of a preset, in about a second per model; the result is cached in
 * {@code <models>/converted/NAME-<hash>.onnx} ({@code ~/.cache/affect4j/models/converted} by default, see
 * {@link org.affect4j.util.Locations#models()}), keyed by the SHA-256 of the source files and the converter version,
 * written atomically. Lazy conversion keeps the build free of a code-generation step, and the model packages
 * themselves are fetched by {@code scripts/fetch-models.sh}; nothing is ever downloaded from Java.
 *
 * <h2>int8: {@code faceres-int8}</h2>
 * The converted {@code faceres} graph quantised by {@link org.affect4j.onnx.Int8Quantizer}: batch
 * norms folded into the convolutions, weights int8 per output channel, activations uint8 at fixed ranges (the input's
 * 0..255 and each ReLU6's 0..6, so no calibration data is needed), written as QuantizeLinear/DequantizeLinear pairs
 * that ONNX Runtime fuses into {@code QLinearConv} kernels. Made from the converted float model on first use and
 * cached beside it as {@code <models>/converted/faceres-int8-<hash>.onnx}, the hash covering the float model, the
 * quantiser's version and ONNX Runtime's version. About 2.3x less CPU than {@code faceres} per face on an AVX-512 VNNI
 * processor; embeddings at cosine similarity 0.994 (median) to the float ones; FER2013 figures in
 * affect4j-visual/RESULTS.md. It is another feature id: a model trained on {@code faceres} keeps running {@code faceres}.
 *
 * <h2>Pre-processing choices</h2>
 * Resizing is TensorFlow's {@code resizeBilinear} (no half-pixel centres), as the original code used.
 * face-api: minus mean RGB (122.782, 117.001, 104.298), /255, as {@code FaceFeatureExtractor.ts}. faceres: RGB on a
 * 0..255 scale, as human's {@code faceres.ts} ({@code input * 255}). mobilefacenet: human feeds 0..1 values to it,
 * but MobileFaceNet was trained on {@code (x - 127.5) / 128}; we use the training range (a user wanting human's
 * behaviour can write an {@code onnx:} config with {@code scale 1/255}).
 */
package org.affect4j.features.visual;
