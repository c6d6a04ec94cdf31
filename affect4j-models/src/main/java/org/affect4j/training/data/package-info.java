/**
 * The rows a temporal model reads: labelled item lists ({@code name,label} CSVs or Aff-Wild2 annotation folders),
 * a feature store's matrices laid side by side per frame ({@link org.affect4j.training.data.FeatureLayout}),
 * standardised with statistics of the training videos ({@link org.affect4j.training.data.FeatureStandardiser}),
 * memory-mapped per video ({@link org.affect4j.training.data.MappedVideo}), and the training and validation sets
 * of one experiment ({@link org.affect4j.training.data.TrainingData}).
 */
package org.affect4j.training.data;
