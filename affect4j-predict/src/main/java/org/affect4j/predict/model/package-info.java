/**
 * The parts of the default model's format, {@link org.affect4j.predict.LateFusionModel}: its heads
 * ({@link org.affect4j.predict.model.Head}: softmax regression or perceptron), the voice branch's window functionals
 * ({@link org.affect4j.predict.model.WindowStats}) and the open-set rule for Other
 * ({@link org.affect4j.predict.model.OpenSet}). Nothing here depends on {@code org.affect4j.predict}, so the model
 * (which is an {@code ExpressionModel}) lives there and the packages form no loop.
 */
package org.affect4j.predict.model;
