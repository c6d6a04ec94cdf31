/**
 * The extractor interfaces users implement to plug in their own features: per-face
 * ({@link org.affect4j.features.FrameFeatureExtractor}) and per-signal ({@link org.affect4j.features.AudioFeatureExtractor}).
 */
package org.affect4j.features;
