/**
 * Small classifiers in plain Java, shared by every module that fits a head on features: multinomial logistic
 * regression with standardisation and L2 trained by L-BFGS ({@link org.affect4j.linear.SoftmaxRegressionTrainer}),
 * and a one-hidden-layer MLP ({@link org.affect4j.linear.MlpTrainer}). Used for the visual-branch figures on
 * FER2013, the default model's heads, and as per-frame baselines.
 */
package org.affect4j.linear;
