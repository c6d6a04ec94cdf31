package org.affect4j.predict;

import java.util.Arrays;

/**
 * What the face detector and tracker saw in each frame, beside the followed face's box of {@link ExpressionTrack}:
 * the detector's confidence, the key points of the followed face, the number of faces found and which face track was
 * followed. Arrays are indexed by frame (0-based) and shared, not copied: do not modify them.
 *
 * @param scores    detector confidence of the followed face in [0, 1]; NaN without a face or when unknown
 * @param keypoints the followed face's BlazeFace key points in frame pixels, {@code {x0, y0, ..., x5, y5}} in the
 *                  order right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion (the
 *                  person's own sides); null without a face or when unknown
 * @param faces     number of faces the detector found in the frame; -1 when unknown (audio, pre-aligned crops)
 * @param trackIds  the tracker's id of the followed face (tracks are numbered from 0 as faces first appear; the
 *                  chosen person may span several tracks when the face was lost for a while); -1 without a face
 */
public record FaceDetails(float[] scores, float[][] keypoints, int[] faces, int[] trackIds) {
    /** Number of key points per face. */
    public static final int KEYPOINTS = 6;
    /** Names of the key points, in the order of {@link #keypoints()}. */
    public static final java.util.List<String> KEYPOINT_NAMES =
            java.util.List.of("right_eye", "left_eye", "nose", "mouth", "right_ear", "left_ear");

    /**
     * Checks that the four arrays have one entry per frame and each key point row has {@value #KEYPOINTS} points.
     *
     * @param scores    see the record description
     * @param keypoints see the record description
     * @param faces     see the record description
     * @param trackIds  see the record description
     */
    public FaceDetails {
        int n = scores.length;
        if (keypoints.length != n || faces.length != n || trackIds.length != n) {
            throw new IllegalArgumentException("face details disagree in length: " + n + ", " + keypoints.length + ", "
                    + faces.length + ", " + trackIds.length);
        }
        for (float[] k : keypoints) {
            if (k != null && k.length != 2 * KEYPOINTS) {
                throw new IllegalArgumentException("key points need " + 2 * KEYPOINTS + " coordinates, got " + k.length);
            }
        }
    }

    /**
     * Details of {@code frames} frames where nothing is known.
     *
     * @param frames number of frames
     * @return NaN scores, no key points, unknown counts and no track
     */
    public static FaceDetails unknown(int frames) {
        float[] s = new float[frames];
        Arrays.fill(s, Float.NaN);
        int[] faces = new int[frames], ids = new int[frames];
        Arrays.fill(faces, -1);
        Arrays.fill(ids, -1);
        return new FaceDetails(s, new float[frames][], faces, ids);
    }

    /**
     * Number of frames.
     *
     * @return the length of every array
     */
    public int frames() {
        return scores.length;
    }
}
