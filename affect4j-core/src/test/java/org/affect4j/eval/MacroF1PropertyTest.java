package org.affect4j.eval;

import org.affect4j.data.PredictionFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: scoring directories of random gold and prediction files gives the same macro-F1, per-class F1,
 * accuracy, frame count and confusion matrix as an independent, deliberately naive implementation of sklearn's
 * {@code f1_score(average="macro", labels=range(8), zero_division=0)} (via precision and recall, as sklearn
 * defines it) over the pooled annotated frames. Random inputs include classes absent from gold and from
 * predictions, {@code -1} frames, left/right files of one video and all three prediction formats.
 */
class MacroF1PropertyTest {
    private static final int TRIALS = 150;

    @TempDir
    Path tmp;

    @Test
    void directoryScoreAgreesWithNaiveMacroF1() throws IOException {
        SplittableRandom rnd = new SplittableRandom(20230611);
        for (int trial = 0; trial < TRIALS; trial++) {
            Path gold = Files.createDirectories(tmp.resolve(trial + "/gold"));
            Path pred = Files.createDirectories(tmp.resolve(trial + "/pred"));
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
            Evaluation e = new DirectoryScorer(gold, pred).score();
            Naive expected = new Naive(pooledGold, pooledPred);
            String where = "trial " + trial;
            assertEquals(expected.macroF1(), e.macroF1(), 1e-9, where);
            for (int c = 0; c < 8; c++) {
                assertEquals(expected.f1(c), e.f1(c), 1e-9, where + " class " + c);
                for (int d = 0; d < 8; d++) assertEquals(expected.count(c, d), e.confusion().count(c, d), where);
            }
            assertEquals(expected.accuracy(), e.accuracy(), 1e-9, where);
            assertEquals(pooledGold.size(), e.frames(), where);
        }
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

    /** sklearn's definition written out plainly over the pooled pairs, sharing no code with the scorer. */
    private record Naive(List<Integer> gold, List<Integer> pred) {
        long count(int g, int p) {
            return Stream.iterate(0, i -> i < gold.size(), i -> i + 1).filter(i -> gold.get(i) == g && pred.get(i) == p).count();
        }

        double f1(int c) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.size(); i++) {
                boolean isGold = gold.get(i) == c;
                boolean isPred = pred.get(i) == c;
                if (isGold && isPred) tp++;
                else if (isPred) fp++;
                else if (isGold) fn++;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        double macroF1() {
            double sum = 0;
            for (int c = 0; c < 8; c++) sum += f1(c);
            return sum / 8;
        }

        double accuracy() {
            int correct = 0;
            for (int i = 0; i < gold.size(); i++) if (gold.get(i).equals(pred.get(i))) correct++;
            return gold.isEmpty() ? 0 : (double) correct / gold.size();
        }
    }
}
