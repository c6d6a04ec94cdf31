package org.affect4j.util;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded Fisher-Yates shuffle every trainer uses (perceptron, segment batches, face-net fine-tuning): one draw
 * {@code rng.nextInt(i + 1)} per position from the last down, so a seed gives the same order everywhere and a
 * training run repeats bit for bit.
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code a} in place. */
    public static void inPlace(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Shuffles {@code list} in place (it must support {@code set}). */
    public static <T> void inPlace(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
