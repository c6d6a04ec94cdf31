package org.affect4j.faces;

import java.util.Optional;
import org.affect4j.data.RgbImage;

/**
 * The face of the followed person in one frame: its detection and aligned crop, or neither when the frame has no
 * face (such a frame is invalid in the feature store and later takes the features of the nearest valid frame).
 *
 * @param index frame index, 0-based (crop file {@code index + 1})
 * @param face  the detection in frame pixels, or null
 * @param crop  the aligned crop, or null (null exactly when {@code face} is)
 */
public record FaceFrame(int index, Face face, RgbImage crop) {
    public FaceFrame {
        if ((face == null) != (crop == null)) {
            throw new IllegalArgumentException("frame " + index + ": a face needs a crop and a crop a face");
        }
    }

    /** A frame without a face. */
    public static FaceFrame invalid(int index) {
        return new FaceFrame(index, null, null);
    }

    /** True when the frame has a face. */
    public boolean valid() {
        return face != null;
    }

    /** The face box in frame pixels, if any. */
    public Optional<BoundingBox> box() {
        return valid() ? Optional.of(face.box()) : Optional.empty();
    }

    /** The detector's score, or 0 without a face. */
    public float score() {
        return valid() ? face.score() : 0f;
    }
}
