package org.affect4j.eval;

import org.affect4j.data.PredictionFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Test support: writes a random gold directory and a matching prediction directory, and returns the
 * {@link NaiveMacroF1} of the pooled annotated frames. Random cases include classes absent from gold and from
 * predictions, {@code -1} frames, {@code _left}/{@code _right} files of one video and all three prediction formats.
 */
public final class RandomScoringCase {
    private RandomScoringCase() {
    }

    /** Writes 1-5 videos (each one file, or a left and a right file) into {@code gold} and {@code pred}. */
    public static NaiveMacroF1 write(SplittableRandom rnd, Path gold, Path pred) {
        List<Integer> pooledGold = new ArrayList<>();
        List<Integer> pooledPred = new ArrayList<>();
        boolean[] goldClasses = randomClassSubset(rnd);
        boolean[] predClasses = randomClassSubset(rnd);
        double unannotated = rnd.nextDouble(0.5);
        int videos = 1 + rnd.nextInt(5);
        for (int v = 0; v < videos; v++) {
            String[] names = rnd.nextBoolean() ? new String[]{"video" + v} : new String[]{"video" + v + "_left", "video" + v + "_right"};
            for (String name : names) {
                int frames = 1 + rnd.nextInt(200);
                int[] g = new int[frames];
                int[] p = new int[frames];
                for (int i = 0; i < frames; i++) {
                    g[i] = rnd.nextDouble() < unannotated ? -1 : pick(rnd, goldClasses);
                    // predictions agree with gold half of the time, so every F1 value range is exercised
                    p[i] = g[i] >= 0 && rnd.nextBoolean() ? g[i] : pick(rnd, predClasses);
                    if (g[i] >= 0) {
                        pooledGold.add(g[i]);
                        pooledPred.add(p[i]);
                    }
                }
                PredictionFiles.annotation(gold, name, g);
                writePrediction(rnd, pred, name, g, p);
            }
        }
        return new NaiveMacroF1(pooledGold, pooledPred);
    }

    /** Writes in a random format; unannotated gold frames may get -1 where the format allows it. */
    private static void writePrediction(SplittableRandom rnd, Path dir, String name, int[] g, int[] p) {
        switch (rnd.nextInt(3)) {
            case 0 -> {
                int[] withGaps = p.clone();
                for (int i = 0; i < g.length; i++) if (g[i] < 0 && rnd.nextBoolean()) withGaps[i] = -1;
                PredictionFiles.annotation(dir, name, withGaps);
            }
            case 1 -> PredictionFiles.submission(dir, name, p);
            default -> {
                double[][] probs = new double[p.length][8];
                for (int i = 0; i < p.length; i++) {
                    for (int c = 0; c < 8; c++) probs[i][c] = rnd.nextDouble(0.5);
                    probs[i][p[i]] = 0.5 + rnd.nextDouble(0.5); // strictly the largest
                }
                PredictionFiles.probabilities(dir, name, probs);
            }
        }
    }

    /** A random non-empty subset of the 8 classes, often small so that absent classes are common. */
    private static boolean[] randomClassSubset(SplittableRandom rnd) {
        boolean[] in = new boolean[8];
        int size = 1 + rnd.nextInt(8);
        for (int k = 0; k < size; k++) in[rnd.nextInt(8)] = true;
        return in;
    }

    private static int pick(SplittableRandom rnd, boolean[] classes) {
        while (true) {
            int c = rnd.nextInt(8);
            if (classes[c]) return c;
        }
    }
}
