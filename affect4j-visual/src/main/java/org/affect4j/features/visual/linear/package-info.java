/**
 * Small linear classifiers in plain Java: multinomial logistic regression with standardisation and L2, trained by
 * L-BFGS. Used for the visual-branch accuracy figures (features + linear head on FER2013) and reusable as a
 * per-frame baseline head.
 */
package org.affect4j.features.visual.linear;
