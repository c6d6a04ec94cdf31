package org.affect4j.predict.report;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.predict.ExpressionTrack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Synthetic {@link ExpressionTrack}s for the report tests. */
final class Tracks {
    static final double FPS = 25;
    /** Frames 0-based without a face in {@link #withFaceGaps}: [50, 80) and [250, 270). */
    static final int GAP1_FROM = 50, GAP1_TO = 80, GAP2_FROM = 250, GAP2_TO = 270;
    /** Frames 0-based with speech in {@link #withFaceGaps}: [120, 220). */
    static final int SPEECH_FROM = 120, SPEECH_TO = 220;

    private Tracks() {
    }

    /** 8 probabilities with most of the mass on {@code dominant}, wobbling a little with {@code i}. */
    static double[] probs(int dominant, int i) {
        double[] p = new double[ExprClass.COUNT];
        double rest = 0.3 + 0.1 * Math.sin(i / 7.0);
        for (int c = 0; c < ExprClass.COUNT; c++) p[c] = rest / (ExprClass.COUNT - 1);
        p[dominant] = 1 - rest;
        return p;
    }

    /** Happiness for frames 0-99, Neutral 100-199, Sadness 200+; face gaps and speech as the constants say. */
    static ExpressionTrack withFaceGaps(int n) {
        double[][] p = new double[n][];
        boolean[] face = new boolean[n], speech = new boolean[n];
        float[][] boxes = new float[n][];
        for (int i = 0; i < n; i++) {
            p[i] = probs(i < 100 ? 4 : i < 200 ? 0 : 5, i);
            face[i] = !(i >= GAP1_FROM && i < GAP1_TO) && !(i >= GAP2_FROM && i < GAP2_TO);
            boxes[i] = face[i] ? new float[]{10 + i % 3, 20.25f, 100, 120} : null;
            speech[i] = i >= SPEECH_FROM && i < SPEECH_TO;
        }
        return track("clip", FramePredictions.ofProbabilities(p), face, boxes, speech, "face+voice", List.of());
    }

    /** One frame, a face, Surprise. */
    static ExpressionTrack oneFrame() {
        return track("single", FramePredictions.ofProbabilities(new double[][]{probs(6, 0)}), new boolean[]{true},
                new float[][]{{-3.5f, 0, 64, 64}}, new boolean[]{false}, "face only", List.of());
    }

    /** No face anywhere, speech throughout, Anger then Fear. */
    static ExpressionTrack audioOnly(int n) {
        double[][] p = new double[n][];
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = probs(i < n / 2 ? 1 : 3, i);
            speech[i] = true;
        }
        return track("voice", FramePredictions.ofProbabilities(p), new boolean[n], new float[n][], speech,
                "voice only", List.of());
    }

    /** Voice only: speech (Anger) in frames [10, 30) of {@code n}, silence elsewhere, so no label outside it. */
    static ExpressionTrack withSilence(int n) {
        double[][] p = new double[n][];
        boolean[] speech = new boolean[n];
        for (int i = 10; i < Math.min(30, n); i++) {
            p[i] = probs(1, i);
            speech[i] = true;
        }
        return track("silent", FramePredictions.ofProbabilities(p), new boolean[n], new float[n][], speech,
                "voice only", List.of());
    }

    /** Frames with the given probability rows ({@code null}: no prediction), faces everywhere. */
    static ExpressionTrack ofRows(String name, double[]... rows) {
        int n = rows.length;
        boolean[] face = new boolean[n];
        java.util.Arrays.fill(face, true);
        return track(name, FramePredictions.ofProbabilities(rows), face, new float[n][], new boolean[n], "face only", List.of());
    }

    /** Labels only (no probabilities), faces everywhere; -1 allowed. */
    static ExpressionTrack labelsOnly(int... labels) {
        int n = labels.length;
        boolean[] face = new boolean[n];
        java.util.Arrays.fill(face, true);
        return track("labels", FramePredictions.ofLabels(labels), face, new float[n][], new boolean[n], "face only", List.of());
    }

    /** {@code base} under another name. */
    static ExpressionTrack renamed(ExpressionTrack t, String name) {
        return new ExpressionTrack(name, t.source(), t.fps(), t.predictions(), t.faceFound(), t.faceBoxes(), t.speech(),
                t.modalities(), t.cropSamples(), t.model(), t.faceDetails());
    }

    /** {@code base} with crop samples. */
    static ExpressionTrack withCrops(ExpressionTrack t, List<Path> crops) {
        return new ExpressionTrack(t.name(), t.source(), t.fps(), t.predictions(), t.faceFound(), t.faceBoxes(), t.speech(),
                t.modalities(), crops, t.model(), t.faceDetails());
    }

    /**
     * {@code base} with face details: score 0.9, two faces found, track 3 and key points 1..12 shifted by the frame
     * on frames with a face; the detector's count (0) but nothing else on frames without one.
     */
    static ExpressionTrack withDetails(ExpressionTrack t) {
        int n = t.frames();
        org.affect4j.predict.FaceDetails d = org.affect4j.predict.FaceDetails.unknown(n);
        for (int i = 0; i < n; i++) {
            d.faces()[i] = t.faceFound()[i] ? 2 : 0;
            if (!t.faceFound()[i]) continue;
            d.scores()[i] = 0.9f;
            d.trackIds()[i] = 3;
            float[] kp = new float[12];
            for (int k = 0; k < kp.length; k++) kp[k] = k + 1 + i;
            d.keypoints()[i] = kp;
        }
        return new ExpressionTrack(t.name(), t.source(), t.fps(), t.predictions(), t.faceFound(), t.faceBoxes(), t.speech(),
                t.modalities(), t.cropSamples(), t.model(), d);
    }

    private static ExpressionTrack track(String name, FramePredictions p, boolean[] face, float[][] boxes, boolean[] speech,
                                         String modalities, List<Path> crops) {
        Map<String, String> model = new LinkedHashMap<>();
        model.put("name", "test-model");
        model.put("trained on", "synthetic frames");
        return new ExpressionTrack(name, Path.of("/videos/" + name + ".mp4"), FPS, p, face, boxes, speech, modalities,
                crops, model);
    }
}
