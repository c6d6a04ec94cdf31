package org.affect4j.features.visual.bench;

import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.linear.MlpClassifier;
import org.affect4j.linear.MlpTrainer;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.linear.SoftmaxRegressionTrainer;
import org.affect4j.util.Locations;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Visual-branch accuracy and speed on FER2013: extracts every preset's features for the train, val and test splits
 * (cached under {@code --out}), fits a {@link SoftmaxRegression} on train for each embedding and their
 * concatenations, chooses the L2 strength and class balancing by val macro-F1, and reports test macro-F1 and
 * accuracy over the 7 FER2013 classes, plus images/second of each extractor. Not part of the test run:
 * <pre>mvn -q -B -pl affect4j-visual -Pfer-bench exec:java [-Dexec.args="--threads 2 --out DIR --flip --mlp"]</pre>
 * {@code --mlp} also fits a one-hidden-layer MLP ({@link MlpTrainer}) on the concatenated feature sets.
 * {@code --flip} averages each image's features with those of its mirror image (test-time augmentation, also
 * applied to training images).
 */
public final class Fer2013Benchmark {
    /** L2 strengths tried, strongest first: each fit warm-starts from the previous one. */
    private static final double[] L2_GRID = {1, 3e-1, 1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4};
    /** MLP dropout rates tried (hidden 256, AdamW 1e-3, weight decay 1e-4, batch 128, 25 epochs, best epoch on val). */
    private static final double[] DROPOUT_GRID = {0.5};
    /** face-api's class order (neutral, happy, sad, angry, fearful, disgusted, surprised) in affect4j indices. */
    private static final int[] FACEAPI_TO_AFFECT4J = {0, 4, 5, 1, 3, 2, 6};

    private final Path out;
    private final int threads;
    private final boolean flip;
    private final boolean mlp;
    private final StringBuilder report = new StringBuilder();

    private Fer2013Benchmark(Path out, int threads, boolean flip, boolean mlp) {
        this.out = out;
        this.threads = threads;
        this.flip = flip;
        this.mlp = mlp;
    }

    /** Entry point; see the class comment for arguments. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of("affect4j-visual/target/fer-bench");
        int threads = 2;
        boolean flip = false;
        boolean mlp = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--flip" -> flip = true;
                case "--mlp" -> mlp = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--out DIR] [--threads N] [--flip] [--mlp]");
            }
        }
        Path fer = Locations.data().map(p -> p.resolve("fer2013")).filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalArgumentException("FER2013 not found; set -Daffect4j.data=.../shared/data"));
        new Fer2013Benchmark(out, threads, flip, mlp).run(fer);
    }

    private void run(Path fer) throws IOException {
        Files.createDirectories(out);
        List<Fer2013> splits = new ArrayList<>();
        for (String s : new String[] {"train", "val", "test"}) {
            splits.add(Fer2013.read(fer, s));
        }
        log("FER2013: train %d, val %d, test %d images; threads %d; flip TTA %s", splits.get(0).labels().length,
                splits.get(1).labels().length, splits.get(2).labels().length, threads, flip);
        speed(splits.get(2).images().subList(0, 512));
        Map<String, float[][][]> feats = new LinkedHashMap<>();
        for (String name : VisualExtractors.NAMES) {
            float[][][] bySplit = new float[3][][];
            for (int s = 0; s < 3; s++) {
                bySplit[s] = features(name, splits.get(s));
            }
            feats.put(name, bySplit);
        }
        int[][] y = {splits.get(0).labels(), splits.get(1).labels(), splits.get(2).labels()};

        float[][] scores = feats.get("faceapi-expr-scores")[2];
        int[] asShipped = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            asShipped[i] = FACEAPI_TO_AFFECT4J[argmax(scores[i])];
        }
        log("| face-api expression net as shipped (argmax of 7 scores) | - | - | %s |",
                Scores.of(y[2], asShipped, Fer2013.CLASSES));

        Map<String, List<String>> sets = new LinkedHashMap<>();
        VisualExtractors.NAMES.forEach(n -> sets.put(n, List.of(n)));
        sets.put("faceapi-expr + faceres + mobilefacenet", List.of("faceapi-expr", "faceres", "mobilefacenet"));
        sets.put("all presets", VisualExtractors.NAMES);
        log("| features | head | dim | chosen on val -> val macro-F1 | test |");
        for (Map.Entry<String, List<String>> e : sets.entrySet()) {
            float[][][] x = new float[3][][];
            for (int s = 0; s < 3; s++) {
                x[s] = concat(e.getValue(), feats, s);
            }
            evaluate(e.getKey(), x, y);
            if (mlp && e.getValue().size() > 1) { // the MLP is slow in plain Java: concatenations only
                evaluateMlp(e.getKey(), x, y);
            }
        }
        Files.writeString(out.resolve(flip ? "results-flip.md" : "results.md"), report.toString());
    }

    private void evaluate(String name, float[][][] x, int[][] y) {
        double bestF1 = -1;
        double bestL2 = 0;
        boolean bestBal = false;
        SoftmaxRegression best = null;
        for (boolean balanced : new boolean[] {false, true}) {
            SoftmaxRegression previous = null;
            for (double l2 : L2_GRID) {
                SoftmaxRegression m = new SoftmaxRegressionTrainer(l2, balanced, 200)
                        .fit(x[0], y[0], Fer2013.CLASSES, previous);
                previous = m;
                double f1 = Scores.of(y[1], predict(m, x[1]), Fer2013.CLASSES).macroF1();
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestL2 = l2;
                    bestBal = balanced;
                    best = m;
                }
            }
        }
        Scores test = Scores.of(y[2], predict(best, x[2]), Fer2013.CLASSES);
        log("| %s | logistic regression | %d | l2 %.0e, balanced %s -> %.3f | %s |", name, x[0][0].length, bestL2,
                bestBal, bestF1, test);
    }

    private void evaluateMlp(String name, float[][][] x, int[][] y) {
        double bestF1 = -1;
        double bestDropout = 0;
        MlpClassifier best = null;
        for (double dropout : DROPOUT_GRID) {
            MlpClassifier m = new MlpTrainer(256, 25, 1e-3, 1e-4, dropout, 128, 42).fit(x[0], y[0], Fer2013.CLASSES,
                    c -> Scores.of(y[1], predict(c::predict, x[1]), Fer2013.CLASSES).macroF1());
            double f1 = Scores.of(y[1], predict(m::predict, x[1]), Fer2013.CLASSES).macroF1();
            if (f1 > bestF1) {
                bestF1 = f1;
                bestDropout = dropout;
                best = m;
            }
        }
        Scores test = Scores.of(y[2], predict(best::predict, x[2]), Fer2013.CLASSES);
        log("| %s | MLP 256 | %d | dropout %.1f, best epoch -> %.3f | %s |", name, x[0][0].length, bestDropout, bestF1,
                test);
    }

    private float[][] features(String name, Fer2013 split) throws IOException {
        Path cache = out.resolve("features").resolve(name + (flip ? "-flip-" : "-") + split.name() + ".f32");
        if (Files.isRegularFile(cache)) {
            return read(cache);
        }
        float[][] f;
        try (FrameFeatureExtractor ex = VisualExtractors.create(name, threads)) {
            long t0 = System.nanoTime();
            f = ex.extract(split.images());
            if (flip) {
                float[][] m = ex.extract(split.images().stream().map(org.affect4j.data.Images::mirror).toList());
                for (int i = 0; i < f.length; i++) {
                    for (int j = 0; j < f[i].length; j++) {
                        f[i][j] = 0.5f * (f[i][j] + m[i][j]);
                    }
                }
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            int n = split.images().size() * (flip ? 2 : 1);
            log("speed %s on %s: %d images in %.1f s = %.0f images/s (%d threads, batch %d)", name, split.name(),
                    n, sec, n / sec, threads, 32);
        }
        write(cache, f);
        return f;
    }

    /** Images/second of each preset on {@code images} (pre-processing + inference), after a warm-up batch. */
    private void speed(List<RgbImage> images) {
        for (String name : VisualExtractors.NAMES) {
            try (FrameFeatureExtractor ex = VisualExtractors.create(name, threads)) {
                ex.extract(images.subList(0, 32));
                long t0 = System.nanoTime();
                ex.extract(images);
                double batched = images.size() / ((System.nanoTime() - t0) / 1e9);
                t0 = System.nanoTime();
                for (RgbImage im : images.subList(0, 128)) {
                    ex.extract(List.of(im));
                }
                double single = 128 / ((System.nanoTime() - t0) / 1e9);
                log("| speed | %s | %d threads | %.0f images/s in batches of 32 | %.0f images/s one at a time |",
                        name, threads, batched, single);
            }
        }
    }

    private static float[][] concat(List<String> names, Map<String, float[][][]> feats, int split) {
        int n = feats.get(names.get(0))[split].length;
        int d = names.stream().mapToInt(k -> feats.get(k)[split][0].length).sum();
        float[][] r = new float[n][d];
        for (int i = 0; i < n; i++) {
            int o = 0;
            for (String k : names) {
                float[] v = feats.get(k)[split][i];
                System.arraycopy(v, 0, r[i], o, v.length);
                o += v.length;
            }
        }
        return r;
    }

    private static int[] predict(SoftmaxRegression m, float[][] x) {
        return predict(m::predict, x);
    }

    private static int[] predict(java.util.function.ToIntFunction<float[]> model, float[][] x) {
        int[] p = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = model.applyAsInt(x[i]);
        }
        return p;
    }

    private static int argmax(float[] v) {
        int b = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[b]) {
                b = k;
            }
        }
        return b;
    }

    private void log(String fmt, Object... args) {
        String line = String.format(Locale.ROOT, fmt, args);
        System.out.println(line);
        report.append(line).append('\n');
    }

    private static void write(Path file, float[][] f) {
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                o.writeInt(f.length);
                o.writeInt(f[0].length);
                for (float[] r : f) {
                    for (float v : r) {
                        o.writeFloat(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            float[][] f = new float[in.readInt()][in.readInt()];
            for (float[] r : f) {
                for (int j = 0; j < r.length; j++) {
                    r[j] = in.readFloat();
                }
            }
            return f;
        }
    }
}
