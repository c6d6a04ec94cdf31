package org.affect4j.predict;

import org.affect4j.data.ExprClass;

import java.util.Optional;

/**
 * The expression of one frame: what {@link ExpressionRecognizer} hands to a per-frame callback and what
 * {@link ExpressionTrack#frame(int)} returns.
 *
 * @param index         frame index, 0-based
 * @param timeSeconds   start time of the frame in seconds
 * @param label         class index 0..7 in ABAW order ({@link ExprClass}), or -1 when the frame has neither a face
 *                      nor speech and so no label
 * @param probabilities the 8 class probabilities in ABAW order (rounded to 6 decimals), or null without a label or
 *                      when the model gives labels only
 * @param face          a face was found in the frame
 * @param faceBox       the followed face's box {x, y, width, height} in frame pixels, or null
 * @param faceScore     the detector's confidence for that face, NaN without a face or when unknown
 * @param speech        speech was detected in the frame
 */
public record FrameExpression(int index, double timeSeconds, int label, double[] probabilities, boolean face,
                              float[] faceBox, float faceScore, boolean speech) {
    /**
     * The label as a class, empty for a frame without label.
     *
     * @return the predicted class, if any
     */
    public Optional<ExprClass> expression() {
        return label == ExprClass.UNANNOTATED ? Optional.empty() : Optional.of(ExprClass.of(label));
    }

    /**
     * The display name of the label ("Happiness"), or an empty string without label.
     *
     * @return the label's name
     */
    public String labelName() {
        return expression().map(ExprClass::displayName).orElse("");
    }
}
