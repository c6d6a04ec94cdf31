package org.affect4j.pipeline;

import org.affect4j.data.RgbImage;

/**
 * The face of one frame, ready for the visual extractors.
 *
 * @param index     frame index (0-based)
 * @param crop      the aligned face crop, or {@code null} when the frame has no face
 * @param box       face box in frame pixels {x, y, width, height} (null when unknown or no face)
 * @param score     detector confidence (NaN when not detected here, e.g. pre-aligned crops)
 * @param keypoints the detector's key points of the face in frame pixels, {x0, y0, x1, y1, ...} in
 *                  {@link org.affect4j.faces.FaceKeypoint} order (null when unknown or no face)
 * @param faces     number of faces the detector found in the frame (-1 when unknown, e.g. pre-aligned crops)
 * @param trackId   the tracker's id of the followed face (-1 without a face or when unknown)
 */
public record FaceCrop(int index, RgbImage crop, float[] box, float score, float[] keypoints, int faces, int trackId) {
    /** A crop without key points, face count or track id. */
    public FaceCrop(int index, RgbImage crop, float[] box, float score) {
        this(index, crop, box, score, null, -1, -1);
    }

    public boolean found() {
        return crop != null;
    }
}
