/**
 * Measurement programs (not run by the default tests): FER2013 visual-branch accuracy with a linear head, and
 * extractor speed. See {@code affect4j-visual/RESULTS.md} for the figures and commands.
 */
package org.affect4j.features.visual.bench;
