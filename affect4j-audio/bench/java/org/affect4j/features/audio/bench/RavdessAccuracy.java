package org.affect4j.features.audio.bench;

import org.affect4j.features.audio.SileroVad;
import org.affect4j.media.AudioDecoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speaker-independent RAVDESS measurement (train actors 1-16, test 17-20): multinomial logistic regression on
 * utterance vectors ({@link UtteranceFeatures}), L2 strength chosen by 4-fold cross-validation over the training
 * actors only (folds of 4 actors), macro-F1 over the 7 classes present (Other has no example). Features are cached
 * in {@code target/ravdess-features.bin} (delete it to recompute). Usage: {@code RavdessAccuracy [threads] [squash]}
 * ({@code squash}: asinh of the standardised features, see {@link LogisticRegression}).
 */
public final class RavdessAccuracy {
    private static final double[] LAMBDAS = {3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1};

    private RavdessAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        boolean squash = args.length > 1 && args[1].equals("squash");
        Ravdess data = Ravdess.load();
        List<Ravdess.Item> items = data.items();
        double[][][] feats = features(items, threads, Path.of(System.getProperty("affect4j.root", "."), "affect4j-audio/target/ravdess-features.bin"));
        int[][] combos = {{0}, {1}, {2}, {0, 1, 2}};
        int[] y = items.stream().mapToInt(Ravdess.Item::label).toArray();
        int[] actor = items.stream().mapToInt(Ravdess.Item::actor).toArray();
        double[] blockLambda = new double[UtteranceFeatures.BLOCKS.length];
        for (int[] combo : combos) {
            StringBuilder name = new StringBuilder();
            for (int b : combo) name.append(name.length() == 0 ? "" : " + ").append(UtteranceFeatures.BLOCKS[b]);
            double[][] x = new double[items.size()][];
            for (int i = 0; i < x.length; i++) x[i] = concat(feats[i], combo);
            double bestCv = -1;
            double bestLambda = LAMBDAS[0];
            for (double lambda : LAMBDAS) {
                double cv = 0;
                for (int fold = 0; fold < 4; fold++) {
                    final int f = fold;
                    cv += evaluate(x, y, i -> actor[i] <= 16 && (actor[i] - 1) / 4 != f,
                            i -> actor[i] <= 16 && (actor[i] - 1) / 4 == f, lambda, squash)[0] / 4;
                }
                if (cv > bestCv) {
                    bestCv = cv;
                    bestLambda = lambda;
                }
            }
            if (combo.length == 1) blockLambda[combo[0]] = bestLambda;
            double[] test = evaluate(x, y, i -> actor[i] <= 16, i -> actor[i] >= 17, bestLambda, squash);
            System.out.printf("%-42s dim %4d  lambda %.0e (CV macro-F1 %.3f)  test macro-F1 %.3f  accuracy %.3f%n",
                    name, x[0].length, bestLambda, bestCv, test[0], test[1]);
        }
        // late fusion: one model per block (its own CV-chosen lambda), class probabilities averaged
        double cv = 0;
        for (int fold = 0; fold < 4; fold++) {
            final int f = fold;
            cv += fused(feats, y, i -> actor[i] <= 16 && (actor[i] - 1) / 4 != f,
                    i -> actor[i] <= 16 && (actor[i] - 1) / 4 == f, blockLambda, squash)[0] / 4;
        }
        double[] test = fused(feats, y, i -> actor[i] <= 16, i -> actor[i] >= 17, blockLambda, squash);
        System.out.printf("%-42s dim %4s  lambda per block (CV macro-F1 %.3f)  test macro-F1 %.3f  accuracy %.3f%n",
                "late fusion of the three blocks", "-", cv, test[0], test[1]);
    }

    /** {macro-F1, accuracy} of the average of per-block models' probabilities. */
    static double[] fused(double[][][] feats, int[] y, java.util.function.IntPredicate train,
                          java.util.function.IntPredicate test, double[] lambdas, boolean squash) {
        int n = feats.length;
        double[][] prob = new double[n][8];
        for (int b = 0; b < lambdas.length; b++) {
            List<double[]> tx = new ArrayList<>();
            List<Integer> ty = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (train.test(i)) {
                    tx.add(feats[i][b]);
                    ty.add(y[i]);
                }
            }
            LogisticRegression lr = new LogisticRegression(8, lambdas[b], 500, squash)
                    .fit(tx.toArray(double[][]::new), ty.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < n; i++) {
                if (!test.test(i)) continue;
                double[] p = lr.probabilities(feats[i][b]);
                for (int c = 0; c < 8; c++) prob[i][c] += p[c];
            }
        }
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < 8; c++) if (prob[i][c] > prob[i][best]) best = c;
            pred[i] = best;
        }
        return score(y, pred, test);
    }

    /** {macro-F1 over the present classes, accuracy} of a model trained on {@code train}, scored on {@code test}. */
    static double[] evaluate(double[][] x, int[] y, java.util.function.IntPredicate train,
                             java.util.function.IntPredicate test, double lambda, boolean squash) {
        List<double[]> tx = new ArrayList<>();
        List<Integer> ty = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (train.test(i)) {
                tx.add(x[i]);
                ty.add(y[i]);
            }
        }
        LogisticRegression lr = new LogisticRegression(8, lambda, 500, squash)
                .fit(tx.toArray(double[][]::new), ty.stream().mapToInt(Integer::intValue).toArray());
        int[] pred = new int[x.length];
        for (int i = 0; i < x.length; i++) if (test.test(i)) pred[i] = lr.predict(x[i]);
        return score(y, pred, test);
    }

    /** {macro-F1 over the present classes, accuracy} of predictions on the rows {@code test} selects. */
    static double[] score(int[] y, int[] pred, java.util.function.IntPredicate test) {
        org.affect4j.eval.Evaluator ev = new org.affect4j.eval.Evaluator();
        for (int i = 0; i < y.length; i++) {
            if (test.test(i)) ev.add(new int[] {y[i]}, new int[] {pred[i]});
        }
        org.affect4j.eval.Evaluation e = ev.evaluate();
        return new double[] {e.macroF1OverGoldClasses(), e.accuracy()};
    }

    private static double[] concat(double[][] blocks, int[] which) {
        int d = 0;
        for (int b : which) d += blocks[b].length;
        double[] out = new double[d];
        int at = 0;
        for (int b : which) {
            System.arraycopy(blocks[b], 0, out, at, blocks[b].length);
            at += blocks[b].length;
        }
        return out;
    }

    private static double[][][] features(List<Ravdess.Item> items, int threads, Path cache) throws Exception {
        if (Files.isRegularFile(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                double[][][] f = new double[in.readInt()][][];
                for (int i = 0; i < f.length; i++) {
                    f[i] = new double[in.readInt()][];
                    for (int b = 0; b < f[i].length; b++) {
                        f[i][b] = new double[in.readInt()];
                        for (int j = 0; j < f[i][b].length; j++) f[i][b][j] = in.readDouble();
                    }
                }
                if (f.length == items.size()) return f;
            }
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<SileroVad> vads = ThreadLocal.withInitial(SileroVad::new);
        List<Future<double[][]>> fs = new ArrayList<>();
        for (Ravdess.Item it : items) {
            fs.add(pool.submit(() -> UtteranceFeatures.of(AudioDecoder.decode(it.file()), vads.get())));
        }
        double[][][] f = new double[items.size()][][];
        for (int i = 0; i < f.length; i++) f[i] = fs.get(i).get();
        pool.shutdown();
        System.out.printf("features of %d files in %.1f s%n", f.length, (System.nanoTime() - t0) / 1e9);
        Files.createDirectories(cache.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            out.writeInt(f.length);
            for (double[][] blocks : f) {
                out.writeInt(blocks.length);
                for (double[] b : blocks) {
                    out.writeInt(b.length);
                    for (double v : b) out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            System.err.println("could not cache features: " + e.getMessage());
        }
        return f;
    }
}
