/**
 * The ABAW EXPR data layer: the 8 classes, Aff-Wild2 annotation files and trees, splits by video, prediction and
 * submission formats, and the pixels every module passes around ({@link org.affect4j.data.RgbImage}, read and
 * written by {@link org.affect4j.data.Images}).
 */
package org.affect4j.data;
