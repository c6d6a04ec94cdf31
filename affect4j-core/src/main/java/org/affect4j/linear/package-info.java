/**
 * Small classifiers in plain Java, shared by every module that fits a head on features: multinomial logistic
 * regression with standardisation and L2 trained by L-BFGS ({@link org.affect4j.linear.SoftmaxRegressionTrainer}),
 * and a one-hidden-layer MLP ({@link org.affect4j.linear.MlpTrainer}). Used for the visual-branch figures on
 * FER2013, the default model's heads, and as per-frame baselines.
 *
 * <p>Hand-written on purpose: this module depends on nothing but Jackson, the heads predict without a PyTorch engine,
 * and DJL (kept for the temporal models in {@code affect4j-models}) has no L-BFGS. The one Adam update of the
 * code base is {@code AdamW}.
 */
package org.affect4j.linear;
