package org.affect4j.training.data;

import org.affect4j.data.FramePredictions;
import org.affect4j.inference.RunPredictor;
import org.affect4j.runs.Checkpoints;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;
import org.affect4j.training.SequencePredictor;
import org.affect4j.training.SyntheticStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.FeatureStandardiser;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;
import org.affect4j.training.data.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training-set standardisation: statistics against a direct two-pass computation, constant dimensions, invalid and
 * unannotated frames, and a saved run predicting with the same normalisation after reloading.
 */
public class FeatureStandardiserTest {
    @TempDir
    Path dir;

    /** Feature "a": 3 dims on very different scales, dim 2 constant; "b": 2 dims. Some rows invalid, some labels -1. */
    public static List<LabelledItem> smallStore(FeatureStore store, int videos, boolean invalidRows) {
        store.putDescriptor(new FeatureDescriptor("a", 3, 0, "synthetic", "1", java.util.Map.of()));
        store.putDescriptor(new FeatureDescriptor("b", 2, 0, "synthetic", "1", java.util.Map.of()));
        Random rnd = new Random(3);
        List<LabelledItem> items = new ArrayList<>();
        for (int v = 0; v < videos; v++) {
            String name = "v" + v;
            int n = 5 + rnd.nextInt(30);
            float[] a = new float[n * 3];
            float[] b = new float[n * 2];
            boolean[] va = new boolean[n];
            boolean[] vb = new boolean[n];
            int[] labels = new int[n];
            for (int t = 0; t < n; t++) {
                a[t * 3] = (float) (1e4 + 50 * rnd.nextGaussian());
                a[t * 3 + 1] = (float) (1e-3 * rnd.nextGaussian());
                a[t * 3 + 2] = 7.25f;
                b[t * 2] = (float) (12 + 3 * rnd.nextGaussian());
                b[t * 2 + 1] = rnd.nextInt(5);
                va[t] = !invalidRows || rnd.nextInt(5) > 0;
                vb[t] = !invalidRows || rnd.nextInt(4) > 0;
                labels[t] = rnd.nextInt(6) == 0 ? -1 : rnd.nextInt(4);
            }
            store.put("a", name, new FeatureMatrix(n, 3, a, va));
            store.put("b", name, new FeatureMatrix(n, 2, b, vb));
            store.putVideo(new VideoInfo(name, n, 25, "synthetic"));
            items.add(LabelledItem.perFrame(name, labels));
        }
        return items;
    }

    @Test
    void statisticsEqualADirectComputationOverValidAnnotatedFrames() {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        List<LabelledItem> items = smallStore(store, 9, true);
        FeatureLayout layout = FeatureLayout.of(store, List.of("a", "b"));
        FeatureStandardiser st = FeatureStandardiser.fit(store, layout, items);
        double[] mean = st.mean();
        double[] std = st.std();
        for (int f = 0; f < 2; f++) {
            String feature = layout.names().get(f);
            int w = layout.dims().get(f);
            for (int d = 0; d < w; d++) {
                List<Double> values = new ArrayList<>();
                for (LabelledItem it : items) {
                    FeatureMatrix m = store.get(feature, it.video());
                    int[] labels = it.labelsFor(m.rows());
                    for (int t = 0; t < m.rows(); t++) {
                        if (m.isValid(t) && labels[t] >= 0) values.add((double) m.get(t, d));
                    }
                }
                double mu = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double var = values.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum() / values.size();
                int k = layout.offset(f) + d;
                assertEquals(mu, mean[k], 1e-12 * Math.max(1, Math.abs(mu)), feature + "[" + d + "] mean");
                assertEquals(Math.sqrt(var), std[k], 1e-9 * Math.max(1e-3, Math.sqrt(var)), feature + "[" + d + "] std");
                assertEquals(values.size(), st.frames()[k]);
            }
        }
        assertEquals(7.25, mean[2], 0.0);
        assertEquals(0.0, std[2], 0.0, "a constant dimension has deviation 0");
        assertEquals(1.0, st.divisor()[2], 0.0, "and is only centred");
        assertEquals(std[0], st.divisor()[0], 0.0);
    }

    @Test
    void constantDimensionAndUnfilledRowsGiveNoNaN() {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        List<LabelledItem> items = smallStore(store, 4, true);
        FeatureLayout layout = FeatureLayout.of(store, List.of("a", "b"));
        FeatureStandardiser st = FeatureStandardiser.fit(store, layout, items);
        for (boolean fill : new boolean[] {false, true}) {
            for (LabelledItem it : items) {
                Sequence s = layout.read(store, it, fill, st);
                FeatureMatrix a = store.get("a", it.video());
                for (int t = 0; t < s.frames(); t++) {
                    for (int d = 0; d < s.dim(); d++) assertTrue(Float.isFinite(s.x()[t * s.dim() + d]));
                    assertEquals(0f, s.x()[t * s.dim() + 2], 0f, "constant dimension -> 0");
                    if (!fill && !a.isValid(t)) {
                        for (int d = 0; d < 3; d++) assertEquals(0f, s.x()[t * s.dim() + d], 0f, "invalid unfilled row -> 0");
                    }
                }
            }
        }
        // the large-scale dimension really is standardised: mean ~0, deviation ~1 over the counted frames
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (LabelledItem it : items) {
            Sequence s = layout.read(store, it, false, st);
            FeatureMatrix a = store.get("a", it.video());
            int[] labels = it.labelsFor(s.frames());
            for (int t = 0; t < s.frames(); t++) {
                if (!a.isValid(t) || labels[t] < 0) continue;
                double x = s.x()[t * s.dim()];
                sum += x;
                sq += x * x;
                n++;
            }
        }
        assertEquals(0, sum / n, 1e-3);
        assertEquals(1, sq / n, 1e-3);
        // a dimension with no counted frame at all stays as it is
        FeatureStandardiser none = FeatureStandardiser.fit(store, layout, List.of(LabelledItem.perFrame("v0", new int[] {-1})));
        for (double d : none.divisor()) assertEquals(1.0, d, 0.0);
        for (double m : none.mean()) assertEquals(0.0, m, 0.0);
    }

    @Test
    void savedRunPredictsWithTheSameNormalisationAfterReload() throws Exception {
        SyntheticStore.write(dir, 8, 3);
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        Path cfg = SyntheticStore.config(dir, "lstm", ", \"maxStepsPerEpoch\": 1");
        Path run = dir.resolve("run");
        Training.run(cfg, run, TrainingListener.NONE);
        assertTrue(Files.isRegularFile(run.resolve(FeatureStandardiser.FILE)));

        // the saved statistics are exactly those of the training items
        ExperimentConfig config = ExperimentConfigs.load(cfg);
        FeatureLayout layout = FeatureLayout.of(store, config.features());
        FeatureStandardiser fitted = FeatureStandardiser.fit(store, layout, LabelledItems.read(dir.resolve("train.csv")));
        FeatureStandardiser saved = FeatureStandardiser.load(run);
        assertArrayEquals(fitted.mean(), saved.mean(), 0.0);
        assertArrayEquals(fitted.divisor(), saved.divisor(), 0.0);

        List<String> videos = List.of("vid8", "vid9", "vid10");
        List<FramePredictions> first;
        List<FramePredictions> direct;
        try (RunPredictor p = RunPredictor.load(run)) {
            assertArrayEquals(fitted.mean(), p.standardiser().mean(), 0.0);
            first = p.predict(store, videos);
            // the in-memory path of training: the fitted standardiser applied by hand, then the network
            List<LabelledItem> items = videos.stream().map(v -> LabelledItem.perFrame(v, new int[0])).toList();
            List<Sequence> seqs = layout.readAll(store, items, true, fitted);
            ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
            try (m) {
                org.affect4j.models.ExpressionNet net = new org.affect4j.models.ExpressionNet(layout.total(), config.model());
                Checkpoints.loadModel(p.checkpoint(), net, m);
                direct = SequencePredictor.predict(net, m, seqs, config.training().batchSize()).predictions();
            }
        }
        List<FramePredictions> again;
        try (RunPredictor p = RunPredictor.load(run)) {
            again = p.predict(store, videos);
        }
        for (int i = 0; i < videos.size(); i++) {
            for (int t = 0; t < first.get(i).frames(); t++) {
                assertArrayEquals(first.get(i).probabilities(t), again.get(i).probabilities(t), 0.0, "reload");
                assertArrayEquals(direct.get(i).probabilities(t), first.get(i).probabilities(t), 0.0, "training path");
            }
        }

        // without the file the run is refused, naming it
        Files.delete(run.resolve(FeatureStandardiser.FILE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunPredictor.load(run));
        assertTrue(e.getMessage().contains(FeatureStandardiser.FILE), e.getMessage());
    }

    @Test
    void standardiseFalseKeepsRawFeaturesAndWritesNoFile() throws Exception {
        SyntheticStore.write(dir, 8, 3);
        Path cfg = SyntheticStore.config(dir, "lstm", ", \"maxStepsPerEpoch\": 1");
        Files.writeString(cfg, Files.readString(cfg).replace("\"validation\": \"val.csv\"",
                "\"validation\": \"val.csv\", \"standardise\": false"));
        assertFalse(ExperimentConfigs.load(cfg).data().standardise());
        Path run = dir.resolve("raw");
        Training.run(cfg, run, TrainingListener.NONE);
        assertFalse(Files.exists(run.resolve(FeatureStandardiser.FILE)));
        try (RunPredictor p = RunPredictor.load(run)) {
            assertNull(p.standardiser());
            assertNotEquals(0, p.predict(new FeatureStore(dir.resolve("store")), "vid9").frames());
        }
        Files.writeString(cfg, Files.readString(cfg).replace("\"standardise\": false", "\"standardise\": \"yes\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfigs.load(cfg));
        assertTrue(e.getMessage().contains("data.standardise"), e.getMessage());
    }
}
