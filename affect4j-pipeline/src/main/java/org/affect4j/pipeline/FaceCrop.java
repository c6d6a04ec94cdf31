package org.affect4j.pipeline;

import org.affect4j.data.RgbImage;

/**
 * The face of one frame, ready for the visual extractors.
 *
 * @param index frame index (0-based)
 * @param crop  the aligned face crop, or {@code null} when the frame has no face
 * @param box   face box in frame pixels {x, y, width, height} (null when unknown or no face)
 * @param score detector confidence (NaN when not detected here, e.g. pre-aligned crops)
 */
public record FaceCrop(int index, RgbImage crop, float[] box, float score) {
    public boolean found() {
        return crop != null;
    }
}
