/**
 * {@code build-default-model}: the recipe that trains the shipped model from the development data (FER2013 for the
 * face, RAVDESS for the voice) through the same extraction code {@code predict} runs, and prints its figures measured
 * the way {@code predict} labels a file. {@link org.affect4j.predict.recipe.RecipeConfig} holds every setting.
 */
package org.affect4j.predict.recipe;
