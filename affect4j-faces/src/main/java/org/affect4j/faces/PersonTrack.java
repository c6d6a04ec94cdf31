package org.affect4j.faces;

import java.util.Arrays;
import java.util.Optional;
import org.affect4j.store.NearestFill;

/**
 * The face of the chosen person in every frame of a video, or none where it was not found. The result of the
 * first (detection) pass of {@link FaceCropPipeline}, the input of its second (alignment) pass. Immutable.
 */
public final class PersonTrack {
    private final Face[] faces;
    private final int found;
    /** Per frame: the tracker's id of the followed face, and the number of faces found; null when not known. */
    private final int[] trackIds, faceCounts;

    /** @param faces one entry per frame, null where there is no face (copied) */
    public PersonTrack(Face[] faces) {
        this(faces, null, null);
    }

    /**
     * @param faces      one entry per frame, null where there is no face (copied)
     * @param trackIds   per frame, the {@link FaceTrack#id()} the face comes from (-1 without a face), or null
     * @param faceCounts per frame, the number of faces the detector found, or null
     */
    public PersonTrack(Face[] faces, int[] trackIds, int[] faceCounts) {
        if (trackIds != null && trackIds.length != faces.length || faceCounts != null && faceCounts.length != faces.length) {
            throw new IllegalArgumentException("per-frame track ids or face counts disagree with the " + faces.length + " frames");
        }
        this.faces = faces.clone();
        this.found = (int) Arrays.stream(faces).filter(f -> f != null).count();
        this.trackIds = trackIds == null ? null : trackIds.clone();
        this.faceCounts = faceCounts == null ? null : faceCounts.clone();
    }

    /** This track with the number of faces found in each frame ({@link FaceTracker#faceCounts}). */
    public PersonTrack withFaceCounts(int[] counts) {
        return new PersonTrack(faces, trackIds, counts);
    }

    /** The tracker's id of the face followed in {@code frame}; -1 without a face or when unknown. */
    public int trackId(int frame) {
        return trackIds != null && frame >= 0 && frame < faces.length && faces[frame] != null ? trackIds[frame] : -1;
    }

    /** Number of faces the detector found in {@code frame}; -1 when unknown. */
    public int faceCount(int frame) {
        return faceCounts != null && frame >= 0 && frame < faces.length ? faceCounts[frame] : -1;
    }

    /** A track of {@code frameCount} frames without any face. */
    public static PersonTrack empty(int frameCount) {
        return new PersonTrack(new Face[frameCount]);
    }

    /** Number of frames of the video (frames really decoded in the detection pass). */
    public int frameCount() {
        return faces.length;
    }

    /** The person's face in {@code frame}, if found; empty also for frames past {@link #frameCount()}. */
    public Optional<Face> face(int frame) {
        return frame >= 0 && frame < faces.length ? Optional.ofNullable(faces[frame]) : Optional.empty();
    }

    /**
     * This track with the frames between key frames filled, for detection on every {@code every}-th frame: a frame
     * without a face whose last key frame before it had one gets that face interpolated linearly (box, key points,
     * score) towards the next key frame's face, or held when the next key frame has none or lies past the end.
     * A person missing on a key frame stays missing until the next key frame that finds them.
     */
    public PersonTrack between(int every) {
        Face[] out = faces.clone();
        int[] ids = trackIds == null ? null : trackIds.clone();
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] != null) continue;
            int a = i - i % every, b = a + every;
            if (faces[a] == null) continue;
            out[i] = b < faces.length && faces[b] != null
                    ? Face.interpolate(faces[a], faces[b], (double) (i - a) / every) : faces[a];
            if (ids != null) ids[i] = ids[a]; // the face followed from key frame a
        }
        return new PersonTrack(out, ids, faceCounts);
    }

    /** Number of frames with a face. */
    public int foundCount() {
        return found;
    }

    /** True when no frame has a face: every frame of the video is invalid. */
    public boolean isEmpty() {
        return found == 0;
    }

    /** Per-frame validity (face found), the mask of the feature store. */
    public boolean[] validity() {
        boolean[] v = new boolean[faces.length];
        for (int i = 0; i < v.length; i++) v[i] = faces[i] != null;
        return v;
    }

    /**
     * For every frame, the nearest frame with a face (itself when it has one; ties go to the earlier frame; -1
     * everywhere when no frame has a face): METHOD section 2's rule, the same as
     * {@link org.affect4j.store.FeatureMatrix#nearestFilled()} applies to feature rows.
     */
    public int[] nearestFaceFrames() {
        return NearestFill.sourceRows(validity());
    }

    /** One line for a log or a report, saying plainly when no face was found at all. */
    public String summary() {
        if (faces.length == 0) return "no frames";
        if (found == 0) {
            return "no face found in any of the " + faces.length + " frames: every frame is marked invalid";
        }
        return String.format(java.util.Locale.ROOT, "face found in %d of %d frames (%.1f%%)", found, faces.length,
                100.0 * found / faces.length);
    }
}
