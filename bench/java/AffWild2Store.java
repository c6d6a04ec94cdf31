import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixWriter;
import org.affect4j.store.VideoInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A full-size synthetic store shaped like Aff-Wild2's EXPR track (issue 15), written through the project's own store
 * writer ({@link FeatureStore#writer}, {@link MatrixWriter}) and annotation writer ({@link ExprAnnotations}):
 *   java -cp "affect4j-cli/target/lib/*" bench/java/AffWild2Store.java OUT [SCALE] [THREADS]
 * OUT/annotations/EXPR_Classification_Challenge/{Train_Set,Validation_Set}/NAME.txt and OUT/store/. SCALE (default
 * 1) multiplies every video's frame count (0.01 for a quick look); reruns skip the (feature, video) pairs already
 * written. Shape: 248 training and 70 validation annotation files as the challenge lists them, about one video in
 * eight with two people (NAME_left / NAME_right, same frame count); frame counts log-normal (median 3,600, clipped
 * to 1,000-50,000: mean ~5,000, ~1.6 M frames in all, like the 2.7 M of 548 videos); labels in runs of a few
 * seconds with the class shares implied by METHOD §4's class weights (share ~ 1/weight: Neutral 30 %, Other 28 %,
 * Happiness 16 %, Sadness 13.5 %, Surprise 5.4 %, Anger 2.9 %, Disgust 1.8 %, Fear 1.5 %), ~2 % of frames -1;
 * ~5 % of frames without a face (visual features invalid). Features at the paper's widths: faceapi-expr 256, faceres
 * 1024, mobilefacenet 192, fbank 80, egemaps 25, compare 130. Values: a class pattern (a fixed random vector per
 * class and feature, weak per dimension) plus a per-video offset plus temporally smooth noise, so a model can learn
 * the classes but not trivially.
 */
public class AffWild2Store {
    static final String[] FEATURES = {"faceapi-expr", "faceres", "mobilefacenet", "fbank", "egemaps", "compare"};
    static final int[] DIMS = {256, 1024, 192, 80, 25, 130};
    static final boolean[] VISUAL = {true, true, true, false, false, false};
    /** Class signal per dimension, in noise standard deviations. */
    static final float[] SIGNAL = {0.05f, 0.03f, 0.04f, 0.04f, 0.06f, 0.04f};
    static final double[] CLASS_WEIGHTS = {1, 10.5, 16.4, 19.8, 1.85, 2.23, 5.63, 1.06};
    static final int TRAIN = 248, VALIDATION = 70;
    static final long SEED = 2023;
    /** A table of standard normal draws indexed by a fast generator: 2.7 G values per full store. */
    static final float[] NORMAL = new float[1 << 22];

    record Item(String name, String video, boolean train, int frames) {
    }

    public static void main(String[] a) throws Exception {
        if (a.length < 1) {
            System.err.println("usage: AffWild2Store OUT [SCALE] [THREADS]");
            System.exit(2);
        }
        Path out = Path.of(a[0]);
        double scale = a.length > 1 ? Double.parseDouble(a[1]) : 1;
        int threads = a.length > 2 ? Integer.parseInt(a[2]) : 2;
        SplittableRandom g = new SplittableRandom(SEED);
        for (int i = 0; i < NORMAL.length; i++) NORMAL[i] = (float) g.nextGaussian();
        List<Item> items = plan(scale, g);
        Path sets = out.resolve("annotations/EXPR_Classification_Challenge");
        Files.createDirectories(sets.resolve("Train_Set"));
        Files.createDirectories(sets.resolve("Validation_Set"));
        FeatureStore store = new FeatureStore(out.resolve("store"));
        for (int f = 0; f < FEATURES.length; f++) {
            store.putDescriptor(new FeatureDescriptor(FEATURES[f], DIMS[f], 0, "synthetic-affwild2", "1",
                    Map.of("generator", "bench/java/AffWild2Store.java", "seed", Long.toString(SEED))));
        }
        float[][][] patterns = new float[FEATURES.length][ExprClass.COUNT][];
        for (int f = 0; f < FEATURES.length; f++) {
            for (int c = 0; c < ExprClass.COUNT; c++) {
                patterns[f][c] = new float[DIMS[f]];
                for (int d = 0; d < DIMS[f]; d++) patterns[f][c][d] = (float) g.nextGaussian() * SIGNAL[f];
            }
        }
        long t0 = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            long seed = SEED * 1_000_003L + i;
            jobs.add(pool.submit(() -> {
                write(store, sets, it, seed, patterns, bytes);
                return null;
            }));
        }
        for (Future<?> j : jobs) j.get();
        pool.shutdown();
        long frames = items.stream().mapToLong(Item::frames).sum();
        long trainFrames = items.stream().filter(Item::train).mapToLong(Item::frames).sum();
        int width = 0;
        for (int d : DIMS) width += d;
        System.out.printf("%d annotation files (%d train, %d validation, %d _left/_right), %,d frames (%,d train),"
                        + " %d values per frame, %.1f GB of features; written %.1f GB in %.0f s%n",
                items.size(), TRAIN, VALIDATION, items.stream().filter(x -> !x.name().equals(x.video())).count(), frames,
                trainFrames, width, frames * width * 4 / 1e9, bytes.get() / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    /** Names, sets and frame counts. */
    static List<Item> plan(double scale, SplittableRandom g) {
        List<Item> items = new ArrayList<>();
        int video = 0;
        for (int set = 0; set < 2; set++) {
            int want = set == 0 ? TRAIN : VALIDATION;
            int have = 0;
            while (have < want) {
                video++;
                int frames = (int) Math.round(Math.min(50_000, Math.max(1_000, 3_600 * Math.exp(0.8 * g.nextGaussian()))) * scale);
                frames = Math.max(frames, 2);
                int fps = g.nextInt(10) < 8 ? 30 : 25;
                String name = video + "-" + fps + "-" + (g.nextBoolean() ? "1280x720" : "640x360");
                if (want - have >= 2 && g.nextInt(8) == 0) {
                    items.add(new Item(name + "_left", name, set == 0, frames));
                    items.add(new Item(name + "_right", name, set == 0, frames));
                    have += 2;
                } else {
                    items.add(new Item(name, name, set == 0, frames));
                    have++;
                }
            }
        }
        return items;
    }

    static void write(FeatureStore store, Path sets, Item it, long seed, float[][][] patterns, AtomicLong bytes) {
        SplittableRandom g = new SplittableRandom(seed);
        int n = it.frames();
        // the expression each frame shows (runs of 1-8 s), its annotation (~2 % -1), and where the face is missing
        int[] shown = new int[n];
        int[] labels = new int[n];
        boolean[] face = new boolean[n];
        double[] cumulative = new double[ExprClass.COUNT];
        double total = 0;
        for (int c = 0; c < cumulative.length; c++) cumulative[c] = total += 1 / CLASS_WEIGHTS[c];
        for (int t = 0; t < n; ) {
            int run = Math.min(n - t, 30 + g.nextInt(210));
            double u = g.nextDouble() * total;
            int c = 0;
            while (cumulative[c] < u) c++;
            boolean annotated = g.nextInt(50) != 0;
            for (int k = 0; k < run; k++, t++) {
                shown[t] = c;
                labels[t] = annotated ? c : ExprClass.UNANNOTATED;
            }
        }
        for (int t = 0; t < n; ) {
            int run = Math.min(n - t, 10 + g.nextInt(100));
            boolean seen = g.nextInt(20) != 0;
            for (int k = 0; k < run; k++, t++) face[t] = seen;
        }
        Path set = sets.resolve(it.train() ? "Train_Set" : "Validation_Set");
        Path ann = set.resolve(it.name() + ".txt");
        if (!Files.isRegularFile(ann)) ExprAnnotations.write(ann, labels);
        store.putVideo(new VideoInfo(it.name(), n, it.name().contains("-25-") ? 25 : 30, "synthetic:" + it.video()));
        for (int f = 0; f < FEATURES.length; f++) {
            if (store.has(FEATURES[f], it.name())) continue;
            int w = DIMS[f];
            float[] offset = new float[w];
            float[] noise = new float[w];
            float[] row = new float[w];
            long state = g.nextLong() | 1;
            for (int d = 0; d < w; d++) {
                offset[d] = 0.5f * NORMAL[(int) (state >>> 42)];
                state = step(state);
                noise[d] = NORMAL[(int) (state >>> 42)];
                state = step(state);
            }
            // AR(1) noise: features of neighbouring frames are alike, as real ones are
            float rho = 0.9f, innovation = (float) Math.sqrt(1 - rho * rho);
            try (MatrixWriter mw = store.writer(FEATURES[f], it.name())) {
                for (int t = 0; t < n; t++) {
                    boolean valid = !VISUAL[f] || face[t];
                    float[] p = patterns[f][shown[t]];
                    for (int d = 0; d < w; d++) {
                        noise[d] = rho * noise[d] + innovation * NORMAL[(int) (state >>> 42)];
                        state = step(state);
                        row[d] = valid ? p[d] + offset[d] + noise[d] : 0f;
                    }
                    mw.append(row, valid);
                }
                mw.commit();
            }
            bytes.addAndGet((long) n * w * 4);
        }
    }

    /** xorshift64: cheap draws into the normal table (the top 22 bits index it). */
    static long step(long x) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        return x;
    }
}
