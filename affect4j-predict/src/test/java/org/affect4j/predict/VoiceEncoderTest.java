package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.TransformerNet;
import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The voice encoder reads an audio file's 100 rows/s and a 25 frames/s video's rows as the same steps. */
class VoiceEncoderTest {
    private static final int DIM = 3;
    /** The seven basic classes (a voice corpus has no Other). */
    static final int[] SEVEN = {0, 1, 2, 3, 4, 5, 6};

    private static TransformerNet.Dense dense(Random r, int in, int out, boolean bias) {
        float[] w = new float[in * out], b = new float[bias ? out : 0];
        for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() / Math.sqrt(in));
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian() * 0.1f;
        return new TransformerNet.Dense(in, out, w, b);
    }

    static TransformerNet net(long seed) {
        return net(seed, DIM);
    }

    /** A small random network on {@code dim} inputs. */
    static TransformerNet net(long seed, int dim) {
        Random r = new Random(seed);
        float[] mean = new float[dim], std = new float[dim];
        for (int k = 0; k < dim; k++) {
            mean[k] = (float) r.nextGaussian();
            std[k] = 0.5f + r.nextFloat();
        }
        int width = 8;
        List<TransformerNet.Layer> layers = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            float[] g = new float[width], s = new float[width];
            java.util.Arrays.fill(g, 1f);
            layers.add(new TransformerNet.Layer(dense(r, width, width, true), dense(r, width, width, true),
                    dense(r, width, width, true), dense(r, width, width, true), g, s, dense(r, width, 12, true),
                    dense(r, 12, width, true), g.clone(), s.clone()));
        }
        return new TransformerNet(mean, std, dense(r, dim, 6, true),
                dense(r, 6, width, false), 2, layers, dense(r, width, 8, true));
    }

    /** {@code seconds} of rows at {@code rate}: a smooth random signal, speech between 1 s and 3 s. */
    private static Map<String, FeatureMatrix> input(double rate, double seconds, int every) {
        int n100 = (int) Math.round(seconds * 100);
        Random r = new Random(11);
        float[] full = new float[n100 * DIM];
        for (int i = 0; i < full.length; i++) full[i] = (float) Math.sin(i * 0.01 + r.nextGaussian() * 0.1);
        int n = (n100 - 1) / every + 1;
        float[] x = new float[n * DIM], vad = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(full, i * every * DIM, x, i * DIM, DIM);
            double t = i / rate;
            vad[i] = t >= 1 && t < 3 ? 0.9f : 0.1f;
        }
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        m.put("x", FeatureMatrix.of(n, DIM, x));
        m.put("vad", FeatureMatrix.of(n, 1, vad));
        return m;
    }

    private static LateFusionModel model(TransformerNet net, int segment) {
        LateFusionModel.Audio a = new LateFusionModel.Audio(List.of("x"), "vad", 0.5, 0.75, "none", null, null,
                "speech", new VoiceEncoder(List.of(net), 25, segment, VoiceEncoderTest.SEVEN));
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "t", Map.of(), null, a, 1, 1, 0, 0));
    }

    @Test
    void resamplesToTheStepRate() {
        FeatureMatrix x = input(100, 2, 1).get("x");
        VoiceEncoder.Steps s = VoiceEncoder.resample(x, null, 100, 25);
        assertEquals((x.rows() - 1) / 4 + 1, s.rows().length);
        for (int k = 0; k < s.rows().length; k++) assertArrayEquals(x.row(4 * k), s.rows()[k]);
        FeatureMatrix v = input(25, 2, 4).get("x");
        VoiceEncoder.Steps same = VoiceEncoder.resample(v, null, 25, 25);
        assertEquals(v.rows(), same.rows().length);
        for (int k = 0; k < v.rows(); k++) assertArrayEquals(v.row(k), same.rows()[k]);
    }

    @Test
    void audioFileAndVideoRowsGiveTheSameReadingOnSpeechOnly() {
        LateFusionModel m = model(net(3), 40);
        FramePredictions file = m.predict(input(100, 6, 1), 100);
        FramePredictions video = m.predict(input(25, 6, 4), 25);
        int labelled = 0;
        for (int f = 0; f < video.frames(); f++) {
            double t = f / 25.0;
            if (t < 1 || t >= 3) {
                assertEquals(-1, video.label(f), "no speech, no voice label at frame " + f);
                continue;
            }
            labelled++;
            double sum = 0;
            for (int c = 0; c < 8; c++) {
                assertEquals(video.probability(f, c), file.probability(4 * f, c), 1e-6, "frame " + f + " class " + c);
                sum += video.probability(f, c);
            }
            assertEquals(1, sum, 1e-5);
            assertTrue(video.probability(f, 7) < 1e-5, "Other was never a voice class: only fusion's floor");
        }
        assertEquals(50, labelled);
        assertEquals(-1, file.label(50), "the audio file's silence has no label either");
        assertTrue(file.label(150) >= 0);
    }

    @Test
    void membersAreAveraged() {
        Map<String, FeatureMatrix> in = input(100, 4, 1);
        double[][] a = new VoiceEncoder(List.of(net(3)), 25, 40, VoiceEncoderTest.SEVEN).probabilities(in.get("x"), gate(in), 100);
        double[][] b = new VoiceEncoder(List.of(net(4)), 25, 40, VoiceEncoderTest.SEVEN).probabilities(in.get("x"), gate(in), 100);
        double[][] mean = new VoiceEncoder(List.of(net(3), net(4)), 25, 40, VoiceEncoderTest.SEVEN).probabilities(in.get("x"), gate(in), 100);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                assertNull(mean[i]);
                continue;
            }
            for (int c = 0; c < 8; c++) assertEquals((a[i][c] + b[i][c]) / 2, mean[i][c], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> new VoiceEncoder(List.of(net(3), net(4, 5)), 25, 40, VoiceEncoderTest.SEVEN));
    }

    @Test
    void segmentsRestartPositions() {
        // one 6 s input read in 40-step segments differs from one read whole, and equals its parts read separately
        Map<String, FeatureMatrix> in = input(25, 6, 4);
        double[][] whole = new VoiceEncoder(List.of(net(3)), 25, 1000, VoiceEncoderTest.SEVEN).probabilities(in.get("x"), gate(in), 25);
        double[][] cut = new VoiceEncoder(List.of(net(3)), 25, 40, VoiceEncoderTest.SEVEN).probabilities(in.get("x"), gate(in), 25);
        assertNull(cut[10]);
        assertNotNull(cut[30]);
        boolean differs = false;
        for (int f = 25; f < 75; f++) differs |= Math.abs(whole[f][0] - cut[f][0]) > 1e-6;
        assertTrue(differs, "segments must restart positions and context");
    }

    @Test
    void aLongRecordingIsReadByOnnxRuntimeAsPlainJavaReadsItsSegments() {
        // 8 s at the step rate in 40-step segments: 5 segments, read by the ONNX Runtime graph; each 40-row part alone
        // is one segment, read in plain Java (positions restart per segment, so the parts are the same computation)
        int segment = 40, n = 200;
        assertTrue(n / segment >= VoiceEncoder.GRAPH_FROM_SEGMENTS);
        Map<String, FeatureMatrix> in = input(25, 8, 4);
        FeatureMatrix full = in.get("x");
        boolean[] valid = new boolean[n];
        float[] x = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            valid[i] = i % 17 != 5; // some invalid rows: read as each member's training mean
            System.arraycopy(full.row(i), 0, x, i * DIM, DIM);
        }
        boolean[] speech = new boolean[n];
        java.util.Arrays.fill(speech, true);
        try (VoiceEncoder e = new VoiceEncoder(List.of(net(3), net(4)), 25, segment, VoiceEncoderTest.SEVEN)) {
            double[][] whole = e.probabilities(new FeatureMatrix(n, DIM, x, valid), speech, 25);
            int compared = 0;
            for (int from = 0; from < n; from += segment) {
                FeatureMatrix part = new FeatureMatrix(segment, DIM, java.util.Arrays.copyOfRange(x, from * DIM, (from + segment) * DIM),
                        java.util.Arrays.copyOfRange(valid, from, from + segment));
                double[][] alone = e.probabilities(part, java.util.Arrays.copyOf(speech, segment), 25);
                for (int i = 0; i < segment; i++) {
                    assertEquals(alone[i] == null, whole[from + i] == null, "row " + (from + i));
                    if (alone[i] == null) continue;
                    for (int c = 0; c < 8; c++) assertEquals(alone[i][c], whole[from + i][c], 1e-5, "row " + (from + i) + " class " + c);
                    compared++;
                }
            }
            assertTrue(compared > 150, compared + " rows compared");
        }
    }

    private static boolean[] gate(Map<String, FeatureMatrix> in) {
        FeatureMatrix v = in.get("vad");
        boolean[] g = new boolean[v.rows()];
        for (int i = 0; i < g.length; i++) g[i] = v.row(i)[0] >= 0.5;
        return g;
    }

    @Test
    void savedAndReadBackPredictsTheSame(@TempDir Path dir) throws Exception {
        LateFusionModel m = model(net(5), 40);
        Path f = dir.resolve("m.json");
        m.save(f);
        LateFusionModel back;
        try (var in = Files.newInputStream(f)) {
            back = LateFusionModel.load(in, f.toString());
        }
        FramePredictions a = m.predict(input(100, 4, 1), 100), b = back.predict(input(100, 4, 1), 100);
        for (int i = 0; i < a.frames(); i++) {
            assertEquals(a.label(i), b.label(i));
            for (int c = 0; c < 8; c++) assertEquals(a.probability(i, c), b.probability(i, c), 0.0);
        }
    }

    @Test
    void aVoiceBranchHasOneReader() {
        LinearHead h = new LinearHead(new int[] {0, 1}, new float[2], new float[] {1, 1}, new double[2][2], new double[2]);
        VoiceEncoder e = new VoiceEncoder(List.of(net(1)), 25, 40, VoiceEncoderTest.SEVEN);
        assertThrows(IllegalArgumentException.class, () -> new LateFusionModel.Audio(List.of("x"), "vad", 0.5, 0.75,
                "none", h, null, "speech", e));
        LateFusionModel.Audio neither = new LateFusionModel.Audio(List.of("x"), "vad", 0.5, 0.75, "none", null, null,
                "speech", null); // a branch's shape, as the recipe uses it; not a model
        assertThrows(IllegalArgumentException.class, () -> new LateFusionModel(new LateFusionModel.Spec(
                LateFusionModel.FORMAT, "t", Map.of(), null, neither, 1, 1, 0, 0)));
    }
}
