package org.affect4j.training;

import org.affect4j.training.data.FeatureStandardiserTest;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.FeatureStandardiser;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.Sequence;
import org.affect4j.training.data.VideoRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory-mapped reader training and prediction use ({@link FeatureLayout#open}) against the in-memory one
 * ({@link FeatureLayout#read}): the same rows, and the same batches in the same order (shuffled and lane plans,
 * seeded, with feature masking), bit for bit, with and without nearest fill and standardisation.
 */
class MappedVideoTest {
    @TempDir
    Path dir;

    private List<LabelledItem> store(FeatureStore store) {
        List<LabelledItem> items = new ArrayList<>(FeatureStandardiserTest.smallStore(store, 12, true));
        // a video without a single face: rows stay as stored (fill) or become 0 (standardised)
        int n = 19;
        float[] a = new float[n * 3];
        Arrays.fill(a, 3.5f);
        float[] b = new float[n * 2];
        Arrays.fill(b, -1f);
        boolean[] valid = new boolean[n];
        Arrays.fill(valid, 4, 9, true);
        store.put("a", "noface", new FeatureMatrix(n, 3, a, new boolean[n]));
        store.put("b", "noface", new FeatureMatrix(n, 2, b, valid));
        store.putVideo(new VideoInfo("noface", n, 25, "synthetic"));
        int[] labels = new int[n];
        for (int t = 0; t < n; t++) labels[t] = t % 3 == 0 ? -1 : t % 4;
        items.add(LabelledItem.perFrame("noface", labels));
        return items;
    }

    @Test
    void mappedReaderGivesTheSameBatchesInTheSameOrder() {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        List<LabelledItem> items = store(store);
        FeatureLayout layout = FeatureLayout.of(store, List.of("a", "b"));
        FeatureStandardiser fitted = FeatureStandardiser.fit(store, layout, items.subList(0, 8));
        int checkedBatches = 0;
        for (boolean fill : new boolean[] {false, true}) {
            for (FeatureStandardiser st : new FeatureStandardiser[] {null, fitted}) {
                List<Sequence> memory = layout.readAll(store, items, fill, st);
                List<VideoRows> mapped = layout.openAll(store, items, fill, st);
                assertEquals(memory.size(), mapped.size());
                for (int i = 0; i < memory.size(); i++) {
                    Sequence m = memory.get(i);
                    VideoRows v = mapped.get(i);
                    assertEquals(m.video(), v.video());
                    assertEquals(m.frames(), v.frames());
                    assertArrayEquals(m.labels(), v.labels());
                    float[] rows = new float[m.x().length];
                    v.copyRows(0, v.frames(), rows, 0);
                    assertBitEqual(m.x(), rows, m.video() + " fill=" + fill + " standardised=" + (st != null));
                }
                for (boolean lanes : new boolean[] {false, true}) {
                    for (int stride : new int[] {8, 5}) {
                        if (lanes && stride != 8) continue; // state-carrying plans do not overlap (METHOD §3)
                        SegmentBatcher batcher = new SegmentBatcher(8, stride, 3);
                        long seed = 41 + stride;
                        List<SegmentBatcher.Batch> pm = plan(batcher, lanes, memory, seed);
                        List<SegmentBatcher.Batch> pv = plan(batcher, lanes, mapped, seed);
                        assertEquals(pm.size(), pv.size());
                        SplittableRandom rm = new SplittableRandom(seed), rv = new SplittableRandom(seed);
                        for (int s = 0; s < pm.size(); s++) {
                            assertArrayEquals(pm.get(s).rows(), pv.get(s).rows(), "batch " + s);
                            assertArrayEquals(pm.get(s).reset(), pv.get(s).reset(), "batch " + s);
                            BatchInputs bm = BatchInputs.of(pm.get(s), memory, 8, layout.total(), new Masking(layout, 0.3, 0, 0, 0, 0), rm);
                            BatchInputs bv = BatchInputs.of(pv.get(s), mapped, 8, layout.total(), new Masking(layout, 0.3, 0, 0, 0, 0), rv);
                            String where = "batch " + s + " lanes=" + lanes + " stride=" + stride + " fill=" + fill
                                    + " standardised=" + (st != null);
                            assertBitEqual(bm.x, bv.x, where);
                            assertArrayEquals(bm.valid, bv.valid, where);
                            assertArrayEquals(bm.labels, bv.labels, where);
                            checkedBatches++;
                        }
                        assertEquals(rm.nextLong(), rv.nextLong(), "masking drew the same random numbers");
                    }
                }
            }
        }
        assertTrue(checkedBatches > 100, "checked " + checkedBatches + " batches");
    }

    private static List<SegmentBatcher.Batch> plan(SegmentBatcher b, boolean lanes, List<? extends VideoRows> data, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return lanes ? b.lanes(data, rng) : b.shuffled(data, rng);
    }

    private static void assertBitEqual(float[] want, float[] got, String where) {
        assertEquals(want.length, got.length, where);
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                throw new AssertionError(where + ": value " + i + " is " + got[i] + ", in memory " + want[i]);
            }
        }
    }

    @Test
    void openingChecksWidthsAndFrameCountsLikeReading() {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        List<LabelledItem> items = store(store);
        FeatureLayout layout = FeatureLayout.of(store, List.of("a", "b"));
        store.put("b", "v0", FeatureMatrix.of(2, 2, new float[4]));
        IllegalArgumentException read = assertThrows(IllegalArgumentException.class, () -> layout.read(store, items.get(0), false));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> layout.open(store, items.get(0), false, null));
        assertEquals(read.getMessage(), open.getMessage());
        assertTrue(open.getMessage().contains("disagree on the frame count"), open.getMessage());
    }
}
