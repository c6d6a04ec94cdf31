package org.affect4j.faces;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows faces from frame to frame online: each new detection joins the active track it overlaps most
 * (IoU at least {@code minIou}), or failing that, whose last box centre is within {@code maxCenterShift} box sides
 * and of similar size (a face that moved fast between frames); otherwise it starts a track. A track stays active for
 * {@code maxGap} frames without a detection, so short misses (a blink of the detector, a hand in front of the face)
 * do not cut it. Matching is greedy, best affinity first. All tracks are kept (compactly, see {@link FaceTrack}) so
 * that the person can be chosen at the end of the video by {@link TrackSelector}. Not thread-safe.
 */
public final class FaceTracker {
    /** Default minimum IoU for a match. */
    public static final double DEFAULT_MIN_IOU = 0.3;
    /** Default maximum centre shift, in box sides, for a match without enough overlap. */
    public static final double DEFAULT_MAX_CENTER_SHIFT = 0.5;
    /** Default number of frames a track survives without a detection (half a second at 30 fps). */
    public static final int DEFAULT_MAX_GAP = 15;

    private final double minIou;
    private final double maxCenterShift;
    private final int maxGap;
    private final List<FaceTrack> tracks = new ArrayList<>();
    private int lastFrame = -1;
    /**
     * Detections handed to {@link #update} per frame plus one (the number of faces found; 0: the frame was never
     * given to the tracker, e.g. between key frames), for the per-frame report.
     */
    private int[] counts = new int[64];

    /** A tracker with the default thresholds. */
    public FaceTracker() {
        this(DEFAULT_MIN_IOU, DEFAULT_MAX_CENTER_SHIFT, DEFAULT_MAX_GAP);
    }

    public FaceTracker(double minIou, double maxCenterShift, int maxGap) {
        if (!(minIou > 0 && minIou <= 1) || !(maxCenterShift >= 0) || maxGap < 0) {
            throw new IllegalArgumentException("bad tracker settings: minIou " + minIou + " (0..1], maxCenterShift "
                    + maxCenterShift + " (>= 0), maxGap " + maxGap + " (>= 0)");
        }
        this.minIou = minIou;
        this.maxCenterShift = maxCenterShift;
        this.maxGap = maxGap;
    }

    /**
     * Adds the detections of {@code frame}; frames must increase from call to call (frames without a call count as
     * frames without faces).
     */
    public void update(int frame, List<Face> faces) {
        if (frame <= lastFrame) {
            throw new IllegalArgumentException("frames must increase: got " + frame + " after " + lastFrame);
        }
        lastFrame = frame;
        if (frame >= counts.length) counts = java.util.Arrays.copyOf(counts, Math.max(frame + 1, counts.length * 2));
        counts[frame] = faces.size() + 1;
        List<FaceTrack> active = new ArrayList<>();
        for (FaceTrack t : tracks) {
            if (frame - t.lastFrame() <= maxGap + 1) active.add(t);
        }
        boolean[] detUsed = new boolean[faces.size()];
        boolean[] trackUsed = new boolean[active.size()];
        while (true) {
            double best = 0;
            int bi = -1, bj = -1;
            for (int i = 0; i < active.size(); i++) {
                if (trackUsed[i]) continue;
                BoundingBox last = active.get(i).box(active.get(i).size() - 1);
                for (int j = 0; j < faces.size(); j++) {
                    if (detUsed[j]) continue;
                    double a = affinity(last, faces.get(j).box());
                    if (a > best) {
                        best = a;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) break;
            active.get(bi).add(frame, faces.get(bj));
            trackUsed[bi] = true;
            detUsed[bj] = true;
        }
        for (int j = 0; j < faces.size(); j++) {
            if (detUsed[j]) continue;
            FaceTrack t = new FaceTrack(tracks.size());
            t.add(frame, faces.get(j));
            tracks.add(t);
        }
    }

    /**
     * How well a detection continues a track: the IoU when at least {@code minIou}; else, for a centre shift within
     * {@code maxCenterShift} box sides and a size ratio within 2, a value below {@code minIou} falling with the
     * shift, so any overlap match is preferred; else 0 (no match).
     */
    double affinity(BoundingBox last, BoundingBox det) {
        double iou = last.iou(det);
        if (iou >= minIou) return iou;
        double side = Math.sqrt(last.area());
        double detSide = Math.sqrt(det.area());
        if (side <= 0 || detSide <= 0 || detSide / side > 2 || side / detSide > 2) return 0;
        double shift = last.center().distance(det.center()) / side;
        return shift <= maxCenterShift ? minIou * (1 - shift / (maxCenterShift + 1e-9)) * 0.999 : 0;
    }

    /** All tracks so far, in order of creation. */
    public List<FaceTrack> tracks() {
        return List.copyOf(tracks);
    }

    /** Faces detected in each of the first {@code frames} frames; -1 for frames never passed to {@link #update}. */
    public int[] faceCounts(int frames) {
        int[] out = new int[frames];
        for (int i = 0; i < frames; i++) out[i] = (i < counts.length ? counts[i] : 0) - 1;
        return out;
    }

    /** The largest frame index passed to {@link #update}, or -1. */
    public int lastFrame() {
        return lastFrame;
    }
}
