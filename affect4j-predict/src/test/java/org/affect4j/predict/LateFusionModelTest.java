package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.WindowStats;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The fusion loop: frames with neither a face nor speech get no prediction, and smoothing does not give them one. */
class LateFusionModelTest {
    private static final double FPS = 25;

    /** 1 input (standardised as is): positive leans to {@code pos}, negative to {@code neg}. */
    private static LinearHead head(int inputs, int pos, int neg) {
        double[][] w = {new double[inputs], new double[inputs]};
        w[0][0] = 3;
        w[1][0] = -3;
        float[] std = new float[inputs];
        java.util.Arrays.fill(std, 1);
        return new LinearHead(new int[] {pos, neg}, new float[inputs], std, w, new double[2]);
    }

    private static LateFusionModel model(double smoothingSeconds) {
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "test", Map.of(),
                new LateFusionModel.Visual(List.of("face"), head(1, 4, 5), false, 0),
                new LateFusionModel.Audio(List.of("voice"), "vad", 0.5, 0.1, "none", head(2, 1, 3), null, null, null),
                1, 1, smoothingSeconds, 0));
    }

    /** Frames 0-19 a face (Happiness), 20-39 neither, 40-59 speech only (Anger), 60-79 neither. */
    private static Map<String, FeatureMatrix> features() {
        int n = 80;
        float[] face = new float[n], voice = new float[n], vad = new float[n];
        boolean[] faceValid = new boolean[n], all = new boolean[n];
        for (int i = 0; i < n; i++) {
            all[i] = true;
            faceValid[i] = i < 20;
            face[i] = faceValid[i] ? 1 : 0;
            vad[i] = i >= 40 && i < 60 ? 1 : 0;
            voice[i] = 1;
        }
        Map<String, FeatureMatrix> f = new LinkedHashMap<>();
        f.put("face", new FeatureMatrix(n, 1, face, faceValid));
        f.put("voice", new FeatureMatrix(n, 1, voice, all.clone()));
        f.put("vad", new FeatureMatrix(n, 1, vad, all.clone()));
        return f;
    }

    @Test
    void framesWithNeitherFaceNorSpeechGetNoLabelEvenAfterSmoothing() {
        for (double smoothing : new double[] {0, 0.5, 2}) {
            FramePredictions p = model(smoothing).predict(features(), FPS);
            for (int i = 0; i < 80; i++) {
                boolean seen = i < 20 || (i >= 40 && i < 60);
                assertEquals(seen, p.isLabelled(i), "frame " + i + ", smoothing " + smoothing + " s");
                if (!seen) {
                    assertEquals(-1, p.label(i));
                    assertTrue(Double.isNaN(p.probability(i, 0)));
                }
            }
            assertEquals(4, p.label(5), "the face says Happiness");
            assertEquals(1, p.label(50), "the voice says Anger");
        }
    }

    @Test
    void anAudioOnlyInputLabelsItsSpeechOnly() {
        Map<String, FeatureMatrix> f = features();
        f.remove("face"); // an audio file: no face features at all
        FramePredictions p = model(0.5).predict(f, FPS);
        for (int i = 0; i < 80; i++) assertEquals(i >= 40 && i < 60, p.isLabelled(i), "frame " + i);
    }

    /** A face-only model; {@code mirror}: whether it averages a still picture with its mirror image. */
    private static LateFusionModel faceModel(boolean mirror) {
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "face", Map.of(),
                new LateFusionModel.Visual(List.of("face"), head(1, 4, 5), mirror, 0), null, 1, 0, 0, 0));
    }

    private static Map<String, FeatureMatrix> face(float[] values, boolean... valid) {
        return Map.of("face", new FeatureMatrix(values.length, 1, values, valid));
    }

    @Test
    void aMirroringModelAveragesThePicturesAndItsMirrorImagesReadings() {
        LateFusionModel m = faceModel(true);
        assertTrue(m.mirrorsStills());
        // frame 0: both views have a face; 1: only the picture; 2: only the mirror image
        Map<String, FeatureMatrix> own = face(new float[] {1, 1, 0}, true, true, false);
        Map<String, FeatureMatrix> mirrored = face(new float[] {-0.5f, 0, 2}, true, false, true);
        FramePredictions p = m.predict(own, mirrored, 1);
        double[] a = m.visualProbabilities(new float[] {1}), b = m.visualProbabilities(new float[] {-0.5f});
        double[] mean = new double[8];
        for (int c = 0; c < 8; c++) mean[c] = (a[c] + b[c]) / 2;
        double[] both = m.fuse(mean, null), alone = m.fuse(a, null); // the face alone through the fusion step
        for (int c = 0; c < 8; c++) {
            assertEquals(both[c], p.probability(0, c), 1e-12, "class " + c);
            assertEquals(alone[c], p.probability(1, c), 1e-12, "a mirror image without a face leaves the reading as it is");
        }
        assertEquals(4, p.label(0));
        assertFalse(p.isLabelled(2), "the picture's own face decides whether it has one");
        // the mean moved the reading: the mirror image leaned the other way
        assertTrue(p.probability(0, 4) < a[4] && p.probability(0, 5) > a[5]);
    }

    @Test
    void aModelThatDoesNotMirrorIgnoresTheMirrorImage() {
        LateFusionModel m = faceModel(false);
        assertFalse(m.mirrorsStills());
        Map<String, FeatureMatrix> own = face(new float[] {1}, true);
        FramePredictions with = m.predict(own, face(new float[] {-5}, true), 1), without = m.predict(own, 1);
        for (int c = 0; c < 8; c++) assertEquals(without.probability(0, c), with.probability(0, c), 0.0);
    }
}
