/**
 * The ABAW EXPR data layer: the 8 classes, Aff-Wild2 annotation files and trees, splits by video, prediction and
 * submission formats.
 */
package org.affect4j.data;
