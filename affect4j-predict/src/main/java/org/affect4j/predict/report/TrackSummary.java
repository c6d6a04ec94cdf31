package org.affect4j.predict.report;

import org.affect4j.data.Dominant;
import org.affect4j.data.ExprClass;
import org.affect4j.predict.ExpressionTrack;

import java.util.Arrays;

/**
 * Counts over a whole {@link ExpressionTrack}: frames per predicted label, frames with a face, frames with speech.
 * The HTML report renders it; the {@code predict} command can print it as its short summary. Frames without a
 * prediction (label -1: neither a face nor speech) are counted apart and left out of the class shares and of the
 * dominant expression.
 *
 * @param frames       number of frames
 * @param fps          frames per second
 * @param labelCounts  frames per predicted class, 8 entries in class order
 * @param unlabelled   frames without a prediction (label -1)
 * @param faceFrames   frames where a face was found
 * @param speechFrames frames where speech was detected
 */
public record TrackSummary(int frames, double fps, int[] labelCounts, int unlabelled, int faceFrames, int speechFrames) {
    public TrackSummary {
        if (labelCounts.length != ExprClass.COUNT) {
            throw new IllegalArgumentException(labelCounts.length + " label counts, expected " + ExprClass.COUNT);
        }
        labelCounts = labelCounts.clone();
        if (Arrays.stream(labelCounts).sum() + unlabelled != frames) {
            throw new IllegalArgumentException(Arrays.toString(labelCounts) + " and " + unlabelled
                    + " unlabelled frames do not add up to " + frames + " frames");
        }
    }

    /** Counts {@code track}. */
    public static TrackSummary of(ExpressionTrack track) {
        int[] counts = new int[ExprClass.COUNT];
        int unlabelled = 0, face = 0, speech = 0;
        for (int i = 0; i < track.frames(); i++) {
            int label = track.predictions().label(i);
            if (label == ExprClass.UNANNOTATED) unlabelled++;
            else counts[label]++;
            if (track.faceFound()[i]) face++;
            if (track.speech()[i]) speech++;
        }
        return new TrackSummary(track.frames(), track.fps(), counts, unlabelled, face, speech);
    }

    /** A copy of the frames per predicted class. */
    @Override
    public int[] labelCounts() {
        return labelCounts.clone();
    }

    /** Frames predicted as class {@code cls}. */
    public int count(int cls) {
        return labelCounts[ExprClass.of(cls).ordinal()];
    }

    /** Duration in seconds: the frames times the frame period. */
    public double durationSeconds() {
        return frames / fps;
    }

    /** Frames with a predicted label (0..7). */
    public int labelled() {
        return frames - unlabelled;
    }

    /** Share (0..1) of the labelled frames predicted as class {@code cls}; 0 when no frame has a label. */
    public double share(int cls) {
        return labelled() == 0 ? 0 : (double) count(cls) / labelled();
    }

    /** Share (0..1) of all frames without a prediction. */
    public double unlabelledShare() {
        return fraction(unlabelled);
    }

    /** Share (0..1) of all frames where a face was found. */
    public double faceShare() {
        return fraction(faceFrames);
    }

    /** Share (0..1) of all frames with speech. */
    public double speechShare() {
        return fraction(speechFrames);
    }

    /** The most frequent predicted class or classes (a tie keeps them all), over the labelled frames. */
    public Dominant dominant() {
        return Dominant.of(labelCounts);
    }

    private double fraction(int count) {
        return frames == 0 ? 0 : (double) count / frames;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackSummary s && frames == s.frames && Double.compare(fps, s.fps) == 0
                && Arrays.equals(labelCounts, s.labelCounts) && unlabelled == s.unlabelled
                && faceFrames == s.faceFrames && speechFrames == s.speechFrames;
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(labelCounts) * 31 + frames) * 31 + faceFrames) * 31 + speechFrames;
    }

    @Override
    public String toString() {
        return "TrackSummary[frames=" + frames + ", fps=" + fps + ", labelCounts=" + Arrays.toString(labelCounts)
                + ", unlabelled=" + unlabelled + ", faceFrames=" + faceFrames + ", speechFrames=" + speechFrames + "]";
    }
}
