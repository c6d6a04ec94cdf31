package org.affect4j.features.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * eGeMAPS and ComParE share one pitch analysis and one spectral front end per signal ({@link LldInput}): the
 * shared values must be exactly those each set computes alone, in whichever order the two run.
 */
class SharedFrontEndTest {
    @Test
    void sharedAnalysisGivesTheUnsharedValues() {
        float[] x = TestAudio.vowel(180, 1.2, 7);
        // alone: each on its own copy, so nothing is shared
        EgemapsLlds.Result egemapsAlone = new EgemapsLlds().compute(x.clone());
        CompareLlds.Result compareAlone = new CompareLlds().compute(x.clone());
        // shared, ComParE first this time
        SignalLevel level = SignalLevel.of(x);
        CompareLlds.Result compare = new CompareLlds().compute(x, level);
        EgemapsLlds.Result egemaps = new EgemapsLlds().compute(x, level);
        assertSame(LldInput.of(x, level, "egemaps"), LldInput.of(x, level, "compare"), "computed once per signal");
        for (int r = 0; r < egemaps.rows(); r++) {
            assertArrayEquals(egemapsAlone.lld()[r], egemaps.lld()[r], 0.0, "eGeMAPS row " + r);
            assertArrayEquals(compareAlone.lld()[r], compare.lld()[r], 0.0, "ComParE row " + r);
        }
        assertArrayEquals(egemapsAlone.energy(), egemaps.energy(), 0.0);
    }

    @Test
    void theMemoLetsGoOfOldSignals() {
        // a long recording is analysed chunk after chunk: the memo must not keep them all (it once did, a weak-keyed
        // map whose values held their keys, and a 10-minute video ran out of a 128 MB heap)
        for (int i = 0; i < 3 * LldInput.MEMO_SIZE; i++) {
            float[] x = TestAudio.vowel(150 + i, 0.3, i);
            LldInput.of(x, SignalLevel.of(x), "egemaps");
            assertTrue(LldInput.memoSize() <= LldInput.MEMO_SIZE, "memo holds " + LldInput.memoSize() + " signals");
        }
        float[] x = TestAudio.vowel(200, 0.3, 99);
        SignalLevel level = SignalLevel.of(x);
        assertSame(LldInput.of(x, level, "egemaps"), LldInput.of(x, level, "compare"), "the newest is still shared");
    }

    /**
     * eGeMAPS and ComParE starting on the same chunk at once (ChunkedExtraction's two threads do): one computes, the
     * other waits for it; both used to compute it side by side.
     */
    @Test
    void twoThreadsAtOnceComputeItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            float[] x = TestAudio.vowel(160 + round, 2.0, 40 + round);
            SignalLevel level = SignalLevel.of(x);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Callable<LldInput> task = () -> {
                    start.await();
                    return LldInput.of(x, level, "egemaps");
                };
                java.util.concurrent.Future<LldInput> a = pool.submit(task), b = pool.submit(task);
                assertSame(a.get(), b.get(), "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
