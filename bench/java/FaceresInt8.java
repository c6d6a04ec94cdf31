import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.eval.Evaluator;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceFrame;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.linear.SoftmaxRegressionTrainer;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Vectors;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code faceres} against {@code faceres-int8} (issue 19), run with the source launcher (see bench/faceres-int8.sh):
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/FaceresInt8.java WORK [--speed-crops 256] [--rounds 5] [--limit 0]</pre>
 * <ol>
 *   <li>speed: CPU milliseconds (the process's user + system time, all threads) per crop of each extractor on the
 *       same aligned crops of FER2013 test pictures, 2 intra-op threads each, lists of 32 crops (the pipeline's
 *       batch), rounds alternating between the two after a warm-up round;</li>
 *   <li>fidelity: cosine similarity of the two embeddings of every FER2013 picture with a face (min, 1st
 *       percentile, median);</li>
 *   <li>accuracy: FER2013 val and test macro-F1 (7 classes, pictures with a face) of a softmax regression
 *       ({@link SoftmaxRegressionTrainer}, L2 chosen on val along a warm-started path) trained on the train
 *       pictures' features of each, every picture once through {@link VideoExtraction#stillImages}.</li>
 * </ol>
 * The features are kept in WORK ({@code features-SPLIT.bin}), so a rerun skips the extraction. {@code --limit N}
 * takes the first N pictures of each split (a quick check).
 */
public class FaceresInt8 {
    static final List<String> FEATURES = List.of("faceres", "faceres-int8");
    static final int THREADS = 2;
    static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length < 1) {
            System.err.println("usage: FaceresInt8 WORK [--speed-crops 256] [--rounds 5] [--limit 0]");
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        int speedCrops = Integer.parseInt(opt.getOrDefault("--speed-crops", "256"));
        int rounds = Integer.parseInt(opt.getOrDefault("--rounds", "5"));
        int limit = Integer.parseInt(opt.getOrDefault("--limit", "0"));
        Path fer = org.affect4j.util.Locations.data().map(d -> d.resolve("fer2013"))
                .filter(d -> Files.isRegularFile(d.resolve("labels.csv")))
                .orElseThrow(() -> new IllegalStateException("FER2013 not found: set AFFECT4J_DATA"));
        Files.createDirectories(work);
        Map<String, List<String[]>> splits = new LinkedHashMap<>();
        for (String line : Files.readAllLines(fer.resolve("labels.csv")).subList(1, Files.readAllLines(fer.resolve("labels.csv")).size())) {
            String[] f = line.split(",");
            List<String[]> s = splits.computeIfAbsent(f[2], k -> new ArrayList<>());
            if (limit == 0 || s.size() < limit) s.add(f);
        }
        System.out.printf("onnxruntime %s, load %s%n", ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion(),
                Files.readString(Path.of("/proc/loadavg")).trim());

        speed(fer, splits.get("test"), speedCrops, rounds);

        Map<String, Split> data = new LinkedHashMap<>();
        for (String s : List.of("train", "val", "test")) data.put(s, features(fer, work, s, splits.get(s)));

        // fidelity over every picture with a face
        List<Double> cos = new ArrayList<>();
        for (Split s : data.values()) {
            for (int i = 0; i < s.labels.length; i++) {
                if (s.valid[i]) cos.add(Vectors.cosine(s.x.get("faceres")[i], s.x.get("faceres-int8")[i]));
            }
        }
        double[] c = cos.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("fidelity: cosine(faceres, faceres-int8) over %d pictures with a face: min %.4f, 1st percentile %.4f, "
                + "median %.4f, mean %.4f%n", c.length, c[0], c[(int) (0.01 * c.length)], c[c.length / 2],
                Arrays.stream(c).average().orElse(0));

        SoftmaxRegression onFloat = accuracy("faceres", data);
        accuracy("faceres-int8", data);
        // a head trained on faceres, fed faceres-int8 rows: what swapping the net under an existing model would do
        Rows int8 = Rows.of("faceres-int8", data);
        System.out.printf("accuracy: head trained on faceres, scored on faceres-int8 rows: val macro-F1 %.4f, test macro-F1 %.4f%n",
                f1(onFloat, int8.x()[1], int8.y()[1]), f1(onFloat, int8.x()[2], int8.y()[2]));
    }

    /** The same crops through both extractors, rounds alternating, process CPU time per crop. */
    static void speed(Path fer, List<String[]> test, int n, int rounds) {
        List<RgbImage> crops = new ArrayList<>();
        FaceDetector detector = FaceDetectorFactory.ALL.get(ExtractionOptions.of(FEATURES, THREADS).detector()).create(1);
        FaceCropPipeline p = new FaceCropPipeline(detector, 1);
        for (String[] f : test) {
            if (crops.size() == n) break;
            FaceFrame ff = p.cropSingle(Images.read(fer.resolve(f[0])));
            if (ff.crop() != null) crops.add(ff.crop());
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<FrameFeatureExtractor> xs = new ArrayList<>();
        for (String f : FEATURES) xs.add(VisualExtractors.create(f, THREADS));
        double[][] ms = new double[xs.size()][rounds];
        for (int r = -1; r < rounds; r++) { // round -1: warm-up, not counted
            for (int k = 0; k < xs.size(); k++) {
                int e = Math.floorMod(r, 2) == 0 ? k : xs.size() - 1 - k; // alternate which goes first
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                for (int from = 0; from < crops.size(); from += BATCH) {
                    xs.get(e).extract(crops.subList(from, Math.min(crops.size(), from + BATCH)));
                }
                if (r >= 0) {
                    ms[e][r] = (os.getProcessCpuTime() - cpu) / 1e6 / crops.size();
                    System.out.printf("  round %d %-13s %.2f CPU-ms/crop, %.2f wall-ms/crop%n", r + 1, FEATURES.get(e),
                            ms[e][r], (System.nanoTime() - wall) / 1e6 / crops.size());
                }
            }
        }
        for (int e = 0; e < xs.size(); e++) {
            double[] v = ms[e].clone();
            Arrays.sort(v);
            System.out.printf("speed: %-13s %d crops, %d threads, lists of %d, %d rounds: CPU-ms/crop median %.2f "
                    + "(min %.2f, max %.2f)%n", FEATURES.get(e), crops.size(), THREADS, BATCH, rounds, v[v.length / 2], v[0],
                    v[v.length - 1]);
            xs.get(e).close();
        }
        detector.close();
    }

    record Split(int[] labels, boolean[] valid, Map<String, float[][]> x) {
    }

    static Split features(Path fer, Path work, String split, List<String[]> rows) throws IOException {
        Path cache = work.resolve("features-" + split + "-" + rows.size() + ".bin");
        int n = rows.size();
        int[] labels = rows.stream().mapToInt(f -> Integer.parseInt(f[1])).toArray();
        Map<String, float[][]> x = new LinkedHashMap<>();
        boolean[] valid = new boolean[n];
        if (Files.isRegularFile(cache)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                for (int i = 0; i < n; i++) valid[i] = in.readBoolean();
                for (String f : FEATURES) {
                    float[][] m = new float[n][in.readInt()];
                    for (float[] r : m) for (int j = 0; j < r.length; j++) r[j] = in.readFloat();
                    x.put(f, m);
                }
            }
            return new Split(labels, valid, x);
        }
        long t0 = System.nanoTime();
        List<RgbImage> images = new ArrayList<>();
        for (String[] f : rows) images.add(Images.read(fer.resolve(f[0])));
        Path tmpStore = Files.createTempDirectory(work, "store");
        try (VideoExtraction ex = new VideoExtraction(new FeatureStore(tmpStore), ExtractionOptions.of(FEATURES, THREADS))) {
            Map<String, FeatureMatrix> m = ex.stillImages(images);
            for (String f : FEATURES) {
                FeatureMatrix fm = m.get(f);
                float[][] r = new float[n][];
                for (int i = 0; i < n; i++) {
                    r[i] = fm.row(i);
                    valid[i] = fm.isValid(i);
                }
                x.put(f, r);
            }
        } finally {
            try (var w = Files.walk(tmpStore)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        AtomicFiles.write(cache, os -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os));
            for (boolean v : valid) out.writeBoolean(v);
            for (String f : FEATURES) {
                out.writeInt(x.get(f)[0].length);
                for (float[] r : x.get(f)) for (float v : r) out.writeFloat(v);
            }
            out.flush();
        });
        System.out.printf("extracted %s: %d pictures in %.0f s%n", split, n, (System.nanoTime() - t0) / 1e9);
        return new Split(labels, valid, x);
    }

    /** Rows of the pictures with a face in each split (train, val, test) of one feature, and their labels. */
    record Rows(float[][][] x, int[][] y) {
        static Rows of(String feature, Map<String, Split> data) {
            float[][][] x = new float[3][][];
            int[][] y = new int[3][];
            int k = 0;
            for (Split s : data.values()) {
                List<float[]> xs = new ArrayList<>();
                List<Integer> ys = new ArrayList<>();
                for (int i = 0; i < s.labels.length; i++) {
                    if (s.valid[i]) {
                        xs.add(s.x.get(feature)[i]);
                        ys.add(s.labels[i]);
                    }
                }
                x[k] = xs.toArray(new float[0][]);
                y[k] = ys.stream().mapToInt(Integer::intValue).toArray();
                k++;
            }
            return new Rows(x, y);
        }
    }

    /** Softmax regression on one feature, L2 chosen on val; returns the head. */
    static SoftmaxRegression accuracy(String feature, Map<String, Split> data) {
        Rows rows = Rows.of(feature, data);
        float[][][] x = rows.x();
        int[][] y = rows.y();
        int classes = org.affect4j.data.ExprClass.COUNT;
        SoftmaxRegression prev = null;
        SoftmaxRegression best = null;
        double bestVal = -1;
        double bestL2 = 0;
        for (double l2 : new double[] {1, 0.3, 0.1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4}) {
            prev = new SoftmaxRegressionTrainer(l2, false, 300).fit(x[0], y[0], classes, prev);
            double v = f1(prev, x[1], y[1]);
            if (v > bestVal) {
                bestVal = v;
                best = prev;
                bestL2 = l2;
            }
        }
        System.out.printf("accuracy: %-13s softmax regression, l2 %.0e chosen on val: val macro-F1 %.4f (%d pictures), "
                + "test macro-F1 %.4f (%d pictures), trained on %d%n", feature, bestL2, bestVal, y[1].length,
                f1(best, x[2], y[2]), y[2].length, y[0].length);
        return best;
    }

    static double f1(SoftmaxRegression m, float[][] x, int[] y) {
        int[] p = new int[y.length];
        for (int i = 0; i < y.length; i++) p[i] = m.predict(x[i]);
        return Evaluator.evaluate(y, p).macroF1OverGoldClasses();
    }
}
