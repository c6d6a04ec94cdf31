package org.affect4j.media;

import org.affect4j.data.RgbImage;

/**
 * One decoded frame.
 *
 * @param index       0-based frame index (row index in the feature store; file {@code index+1} in cropped_aligned)
 * @param timeSeconds presentation time, {@code index / frameRate} for constant-rate sources
 * @param image       the pixels, RGB
 */
public record VideoFrame(int index, double timeSeconds, RgbImage image) {
}
