package org.affect4j.predict;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The rows of a track collected frame by frame as they are decided (a streamed file, a live source): what the report
 * needs (label, probabilities, face box, key points), never a feature row. A frame never added (dropped from a live
 * source) has no face, no label and unknown face details.
 */
final class TrackBuilder {
    private double[][] probs = new double[256][];
    private float[][] boxes = new float[256][], keypoints = new float[256][];
    private float[] scores = new float[256];
    private int[] faces = new int[256], ids = new int[256];
    private boolean[] speech = new boolean[256];
    private int n;
    private boolean anyFace, anySpeech;
    private final List<Path> crops = new ArrayList<>();

    /**
     * Adds frame {@code f.index()}, after every frame added before it.
     *
     * @param f         the decided frame
     * @param keypoints the followed face's key points, or null
     * @param count     faces the detector found (-1: unknown)
     * @param trackId   the followed face's track (-1: none)
     */
    void add(FrameExpression f, float[] keypoints, int count, int trackId) {
        int i = f.index();
        if (i < n) throw new IllegalArgumentException("frame " + i + " added after frame " + (n - 1));
        while (i >= probs.length) grow();
        for (int j = n; j < i; j++) { // frames never added: nothing known
            scores[j] = Float.NaN;
            faces[j] = -1;
            ids[j] = -1;
        }
        probs[i] = f.probabilities();
        boxes[i] = f.face() ? f.faceBox() : null;
        this.keypoints[i] = keypoints;
        scores[i] = f.faceScore();
        faces[i] = count;
        ids[i] = f.face() ? trackId : -1;
        speech[i] = f.speech();
        anyFace |= f.face();
        anySpeech |= f.speech();
        n = i + 1;
    }

    /** Keeps a sample face crop for the report. */
    void crop(Path file) {
        crops.add(file);
    }

    int frames() {
        return n;
    }

    boolean anyFace() {
        return anyFace;
    }

    private void grow() {
        int m = probs.length * 2;
        probs = Arrays.copyOf(probs, m);
        boxes = Arrays.copyOf(boxes, m);
        keypoints = Arrays.copyOf(keypoints, m);
        scores = Arrays.copyOf(scores, m);
        faces = Arrays.copyOf(faces, m);
        ids = Arrays.copyOf(ids, m);
        speech = Arrays.copyOf(speech, m);
    }

    /**
     * The track of the frames added.
     *
     * @param modalities what the model could use; null: from the frames (a face seen, speech heard)
     */
    ExpressionTrack build(String name, Path source, double fps, String modalities, List<Path> cropSamples,
                          Map<String, String> model) {
        double[] flat = new double[n * ExprClass.COUNT];
        boolean[] labelled = new boolean[n], face = new boolean[n];
        for (int i = 0; i < n; i++) {
            labelled[i] = probs[i] != null;
            face[i] = boxes[i] != null;
            if (labelled[i]) System.arraycopy(probs[i], 0, flat, i * ExprClass.COUNT, ExprClass.COUNT);
        }
        FaceDetails d = new FaceDetails(Arrays.copyOf(scores, n), Arrays.copyOf(keypoints, n), Arrays.copyOf(faces, n),
                Arrays.copyOf(ids, n));
        String m = modalities != null ? modalities : anyFace && anySpeech ? "face+voice" : anyFace ? "face only"
                : anySpeech ? "voice only" : "none";
        List<Path> samples = new ArrayList<>(crops);
        samples.addAll(cropSamples);
        return new ExpressionTrack(name, source, fps, FramePredictions.ofFlatProbabilities(flat, labelled), face,
                Arrays.copyOf(boxes, n), Arrays.copyOf(speech, n), m, samples, model, d);
    }
}
