/**
 * The default model's format: {@link org.affect4j.predict.model.LateFusionModel} (a face head and a voice head on
 * pooled features, fused log-linearly, smoothed, with the open-set rule for Other, {@link org.affect4j.predict.model.OpenSet}),
 * and its heads ({@link org.affect4j.predict.model.Head}: softmax regression or perceptron), saved as one JSON file.
 */
package org.affect4j.predict.model;
