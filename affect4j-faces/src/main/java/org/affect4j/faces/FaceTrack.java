package org.affect4j.faces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The detections of one face followed through consecutive frames (gaps allowed), stored compactly (17 floats per
 * frame) so that a whole video's tracks fit in a few megabytes: an hour at 30 fps with one face is about 7 MB.
 * Frames are strictly increasing. Built by {@link FaceTracker}; not thread-safe while it grows.
 */
public final class FaceTrack {
    private static final int STRIDE = 5 + 2 * FaceKeypoint.COUNT;
    private final int id;
    private int[] frames = new int[64];
    private float[] data = new float[64 * STRIDE];
    private int size;
    private double weight;
    private double sumCenterX;

    FaceTrack(int id) {
        this.id = id;
    }

    /** Appends the face seen in {@code frame}, which must come after the last frame of this track. */
    void add(int frame, Face f) {
        if (size > 0 && frame <= frames[size - 1]) {
            throw new IllegalArgumentException("track " + id + ": frame " + frame + " after frame " + frames[size - 1]);
        }
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
            data = Arrays.copyOf(data, size * 2 * STRIDE);
        }
        frames[size] = frame;
        int o = size * STRIDE;
        BoundingBox b = f.box();
        data[o] = (float) b.x();
        data[o + 1] = (float) b.y();
        data[o + 2] = (float) b.width();
        data[o + 3] = (float) b.height();
        data[o + 4] = f.score();
        for (int k = 0; k < FaceKeypoint.COUNT; k++) {
            data[o + 5 + 2 * k] = (float) f.keypoints().get(k).x();
            data[o + 6 + 2 * k] = (float) f.keypoints().get(k).y();
        }
        size++;
        weight += Math.sqrt(b.area()) * f.score();
        sumCenterX += b.centerX();
    }

    /** Identifier, unique within one {@link FaceTracker}. */
    public int id() {
        return id;
    }

    /** Number of frames with a detection. */
    public int size() {
        return size;
    }

    /** The frame of the i-th detection. */
    public int frame(int i) {
        return frames[i];
    }

    public int firstFrame() {
        return frames[0];
    }

    public int lastFrame() {
        return frames[size - 1];
    }

    /** The i-th detection (a new object each call). */
    public Face face(int i) {
        int o = i * STRIDE;
        List<Point> kp = new ArrayList<>(FaceKeypoint.COUNT);
        for (int k = 0; k < FaceKeypoint.COUNT; k++) kp.add(new Point(data[o + 5 + 2 * k], data[o + 6 + 2 * k]));
        return new Face(new BoundingBox(data[o], data[o + 1], data[o + 2], data[o + 3]), data[o + 4], kp);
    }

    /** The box of the i-th detection. */
    public BoundingBox box(int i) {
        int o = i * STRIDE;
        return new BoundingBox(data[o], data[o + 1], data[o + 2], data[o + 3]);
    }

    /** Index of the detection in {@code frame}, or {@code -(insertion point) - 1} as {@link Arrays#binarySearch}. */
    public int indexOf(int frame) {
        return Arrays.binarySearch(frames, 0, size, frame);
    }

    /**
     * How much this track matters: the sum over its frames of face size (square root of the box area, pixels)
     * times score. A large face seen steadily for long outweighs a small or flickering one.
     */
    public double weight() {
        return weight;
    }

    /** Mean horizontal centre of the boxes, pixels. */
    public double meanCenterX() {
        return size == 0 ? Double.NaN : sumCenterX / size;
    }
}
