package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.data.Rounding;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streamed model computes, frame by frame, exactly what the model computes on a whole sequence. */
class FusionStreamTest {
    private static final double FPS = 30;

    @Test
    void theShippedModelStreamedIsTheWholeComputation() {
        LateFusionModel m = ExpressionModels.shipped();
        compare(m, 2_000, 1);
        compare(m, 40, 2);
    }

    @Test
    void aRegressionVoiceStreamedIsTheWholeComputation() {
        LateFusionModel m = TestModels.withRegressionVoice();
        assertEquals(23 + 7, new FusionStream(m, FPS, 1, FusionStream.Timing.FILE, 0, (i, l, p, v) -> { }).delayFrames());
        compare(m, 2_000, 1);
        compare(m, 40, 2); // shorter than the voice window
    }

    @Test
    void otherFunctionalsNoCentreNoSmoothingStreamToo() {
        LateFusionModel.Spec s = TestModels.withRegressionVoice().spec();
        LateFusionModel.Audio a = s.audio();
        LateFusionModel.Audio other = new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(),
                a.halfWindowSeconds(), "none", a.head(), List.of("mean", "delta", "std"), "speech", null);
        compare(new LateFusionModel(new LateFusionModel.Spec(s.format(), "other", s.description(), s.visual(), other,
                s.visualWeight(), s.audioWeight(), 0, 0)), 700, 3);
        compare(new LateFusionModel(new LateFusionModel.Spec(s.format(), "face", s.description(), s.visual(), null,
                s.visualWeight(), s.audioWeight(), 0.5, s.otherThreshold())), 300, 4);
    }

    @Test
    void aVoiceEncoderStreamsWithoutWaitingForAWindow() {
        LateFusionModel.Spec s = ExpressionModels.shipped().spec();
        LateFusionModel.Audio a = s.audio();
        LateFusionModel.Audio enc = new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(),
                a.halfWindowSeconds(), a.normalise(), null, null, "speech",
                new org.affect4j.predict.model.VoiceEncoder(List.of(VoiceEncoderTest.net(9, 12)), 25, 50, VoiceEncoderTest.SEVEN));
        LateFusionModel m = new LateFusionModel(new LateFusionModel.Spec(s.format(), "encoder", s.description(), s.visual(),
                enc, s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), s.otherThreshold()));
        assertTrue(FusionStream.streams(m));
        assertEquals(7, new FusionStream(m, FPS, 1, FusionStream.Timing.FILE, 0, (i, l, p, v) -> { }).delayFrames());
        compare(m, 900, 6);
        assertEquals(0, new FusionStream(m, FPS, 1, FusionStream.Timing.LIVE, Long.MAX_VALUE, (i, l, p, v) -> { }).delayFrames(),
                "live, the encoder's probabilities come pushed (LiveEncoder) and the box is causal: no wait");
    }

    @Test
    void liveSmoothsOverThePastOnlyAndWaitsForTheVoiceWindowAlone() {
        LateFusionModel.Spec s = TestModels.withRegressionVoice().spec();
        LateFusionModel face = new LateFusionModel(new LateFusionModel.Spec(s.format(), "face", s.description(), s.visual(),
                null, s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), s.otherThreshold()));
        Random rnd = new Random(5);
        int n = 200, w = face.window(FPS), vw = s.visual().head().features();
        boolean[] seen = runs(rnd, n, 0.8);
        double[][] fused = new double[n][];
        List<double[]> got = new ArrayList<>();
        FusionStream live = new FusionStream(face, FPS, 1, FusionStream.Timing.LIVE, Long.MAX_VALUE, (i, l, p, v) -> got.add(p));
        assertEquals(0, live.delayFrames(), "a causal box and no voice: no wait");
        for (int i = 0; i < n; i++) {
            float[] row = seen[i] ? gaussian(rnd, vw, 1) : null;
            if (row != null) fused[i] = face.fuse(face.visualProbabilities(row), null);
            live.push(row, null, true);
            assertEquals(i + 1, got.size(), "frame " + i + " decided as it arrives");
        }
        for (int k = 0; k < n; k++) {
            if (fused[k] == null) {
                assertEquals(null, got.get(k));
                continue;
            }
            double[] mean = new double[fused[k].length];
            int m = 0;
            for (int j = Math.max(0, k - w + 1); j <= k; j++) {
                if (fused[j] == null) continue;
                m++;
                for (int c = 0; c < mean.length; c++) mean[c] += fused[j][c];
            }
            for (int c = 0; c < mean.length; c++) mean[c] /= m;
            double[] want = org.affect4j.predict.model.OpenSet.apply(FramePredictions.ofFlatProbabilities(mean,
                    new boolean[] {true}), s.otherThreshold(), new boolean[] {true}).probabilities(0);
            assertArrayEquals(want, got.get(k), 1.5e-6, "frame " + k + ": the mean of the last " + w + " frames");
        }
        // with a voice branch, a frame waits for the second half of its voice window only
        FusionStream voiced = new FusionStream(TestModels.withRegressionVoice(), FPS, 3, FusionStream.Timing.LIVE, Long.MAX_VALUE, (i, l, p, v) -> { });
        assertEquals(Math.round(s.audio().halfWindowSeconds() * FPS), voiced.delayFrames());
    }

    /** Random rows with runs of faces (held embeddings), speech, silence and invalid voice rows. */
    private static void compare(LateFusionModel m, int n, long seed) {
        Random rnd = new Random(seed);
        LateFusionModel.Spec s = m.spec();
        Map<String, FeatureMatrix> features = new LinkedHashMap<>();
        int vw = s.visual().head().features();
        List<String> vf = s.visual().features();
        boolean[] face = runs(rnd, n, 0.8);
        float[][] vrows = new float[n][];
        for (int i = 0; i < n; i++) {
            if (!face[i]) continue;
            vrows[i] = i > 0 && face[i - 1] && i % 3 != 0 ? vrows[i - 1] : gaussian(rnd, vw, 1);
        }
        split(features, vf, vrows, vw, face);
        int dim = 0;
        boolean[] speech = runs(rnd, n, 0.6), audioValid = new boolean[n];
        if (s.audio() != null) {
            dim = s.audio().encoder() != null ? s.audio().encoder().inputs()
                    : s.audio().head().features() / s.audio().functionalsOrDefault().size();
            float[][] arows = new float[n][];
            for (int i = 0; i < n; i++) {
                audioValid[i] = i < n - 5; // the sound ends a little before the picture
                arows[i] = audioValid[i] ? gaussian(rnd, dim, 3) : new float[dim];
            }
            split(features, s.audio().features(), arows, dim, audioValid);
            float[] vad = new float[n];
            for (int i = 0; i < n; i++) vad[i] = speech[i] ? 0.9f : 0.1f;
            features.put(s.audio().gate(), new FeatureMatrix(n, 1, vad, audioValid.clone()));
        }
        FramePredictions whole = m.predict(features, FPS).rounded(Rounding.PROBABILITY_DECIMALS);

        List<Integer> labels = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        FusionStream fs = new FusionStream(m, FPS, Math.max(1, dim), FusionStream.Timing.FILE, n, (i, l, p, v) -> {
            assertEquals(labels.size(), i, "frames in order");
            labels.add(l);
            probs.add(p);
        });
        FeatureMatrix x = s.audio() == null ? null : FeatureRows.concat(features, s.audio().features());
        boolean[] gate = s.audio() == null ? null : FeatureRows.gate(features.get(s.audio().gate()), s.audio().gateThreshold());
        if (s.audio() != null && "centre".equals(s.audio().normalise())) {
            FusionStream.Centre c = new FusionStream.Centre(dim);
            for (int i = 0; i < n; i++) if (x.isValid(i) && gate[i]) c.add(x.row(i));
            fs.centre(c.mean());
        }
        FeatureMatrix v = FeatureRows.concat(features, vf);
        double[][] encoded = s.audio() != null && s.audio().encoder() != null
                ? LateFusionModel.encoderProbabilities(s.audio(), x, gate, FPS) : null;
        for (int i = 0; i < n; i++) {
            if (encoded != null) fs.push(face[i] ? v.row(i) : null, encoded[i]);
            else fs.push(face[i] ? v.row(i) : null, x != null && x.isValid(i) ? x.row(i) : null, gate == null || gate[i]);
            // the face head scores what a flush hands it (the caller's batches, here of 13 frames until frame 300,
            // then none: the stream scores every BATCH frames on its own); a frame is decided once flushed and its
            // delay has passed
            if (i < 300 && i % 13 == 12) {
                fs.flush();
                assertTrue(labels.size() >= i + 1 - fs.delayFrames(), "frame " + (i - fs.delayFrames()) + " decided late");
            }
            assertTrue(labels.size() >= i + 1 - fs.delayFrames() - FusionStream.BATCH, "frames held past a batch");
        }
        fs.finish();
        assertEquals(n, labels.size());
        int labelled = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(whole.label(i), labels.get(i), "label of frame " + i);
            if (whole.isLabelled(i)) {
                labelled++;
                assertArrayEquals(whole.probabilities(i), probs.get(i), 0, "frame " + i);
            }
        }
        assertTrue(labelled > n / 2, "most frames labelled");
    }

    private static boolean[] runs(Random rnd, int n, double share) {
        boolean[] on = new boolean[n];
        boolean state = true;
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(40) == 0) state = rnd.nextDouble() < share;
            on[i] = state;
        }
        return on;
    }

    private static float[] gaussian(Random rnd, int d, double scale) {
        float[] r = new float[d];
        for (int j = 0; j < d; j++) r[j] = (float) (rnd.nextGaussian() * scale + 0.5);
        return r;
    }

    /** Splits rows of width w over the named features (all but the first one column wide). */
    private static void split(Map<String, FeatureMatrix> out, List<String> names, float[][] rows, int w, boolean[] valid) {
        int n = rows.length, k = names.size(), first = w - (k - 1);
        for (int f = 0; f < k; f++) {
            int from = f == 0 ? 0 : first + f - 1, d = f == 0 ? first : 1;
            float[] data = new float[n * d];
            for (int i = 0; i < n; i++) if (rows[i] != null) System.arraycopy(rows[i], from, data, i * d, d);
            out.put(names.get(f), new FeatureMatrix(n, d, data, valid.clone()));
        }
    }
}
