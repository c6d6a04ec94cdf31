package org.affect4j.faces;

/**
 * The six BlazeFace keypoints, in the model's output order. "Right" and "left" are the person's own sides (as in
 * MediaPipe's documentation), so in an unmirrored frontal image the right eye has the smaller x.
 */
public enum FaceKeypoint {
    RIGHT_EYE, LEFT_EYE, NOSE_TIP, MOUTH_CENTER, RIGHT_EAR_TRAGION, LEFT_EAR_TRAGION;

    /** Number of keypoints a {@link Face} carries. */
    public static final int COUNT = 6;
}
