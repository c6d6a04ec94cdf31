import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.features.visual.ConvertedModels;
import org.affect4j.features.visual.tfjs.FaceApiNetConverter;
import org.affect4j.features.visual.tfjs.TfjsTensor;
import org.affect4j.store.MappedMatrix;
import org.affect4j.store.Npy;
import org.affect4j.training.faces.FaceApiExpressionNet;
import org.affect4j.training.faces.FaceNetTrainer;
import org.affect4j.training.faces.NamedTensor;
import org.affect4j.util.AtomicFiles;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fine-tunes face-api's expression net on FER2013's aligned face crops and measures it against the net as shipped,
 * both through the net's own arg-max (7 classes). Run with the source launcher (see bench/face-finetune.sh):
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/FaceNetFineTune.java CROPS OUT [options]</pre>
 * CROPS holds {@code NAME.npy} (float32 [N,112,112,3], the net's normalised input), {@code NAME.mask.npy} (bool [N],
 * false: no face, skipped) and {@code NAME.labels.npy} (int32 [N], ABAW order) for NAME in fer2013-train,
 * fer2013-train-mirror, fer2013-train-aug1, fer2013-train-aug2, fer2013-val, fer2013-val-mirror, fer2013-test,
 * fer2013-test-mirror. Options: {@code --views train,mirror,aug1,aug2} (training views), {@code --lr 3e-4},
 * {@code --wd 1e-4}, {@code --epochs 2}, {@code --batch 32}, {@code --shift 4}, {@code --seed 1}, {@code --limit 0}
 * (a seeded random subset of this many crops per view, 0: all), {@code --frozen 2} (leading dense blocks kept as shipped), {@code --features yes} (write
 * the feature files), {@code --threads 2}. Training runs on DJL; every scoring runs the converted ONNX model on
 * ONNX Runtime, as the product does.
 * Validation picks the epoch (macro-F1 over the 7 classes of fer2013-val, face rows only). Prints val and test
 * macro-F1 and accuracy (test also averaged with the mirrored test crops) before and after fine-tuning, and writes
 * to OUT: {@code faceapi-expression-tuned.onnx} (the chosen epoch's weights through FaceApiNetConverter) and
 * {@code NAME.npy} float32 [N,256], the tuned net's features for every row of every NAME (rows without a face too).
 */
public final class FaceNetFineTune {
    static final String[] ALL = {"fer2013-train", "fer2013-train-mirror", "fer2013-train-aug1", "fer2013-train-aug2",
            "fer2013-val", "fer2013-val-mirror", "fer2013-test", "fer2013-test-mirror"};
    static final int PIXELS = 112 * 112 * 3;
    static final int BATCH = 64;

    /** One NAME: mapped crops, mask and labels. */
    record View(String name, MappedMatrix crops, int[] labels) {
        static View open(Path dir, String name) throws IOException {
            MappedMatrix m = MappedMatrix.open(dir.resolve(name + ".npy"), dir.resolve(name + ".mask.npy"));
            if (m.dim() != PIXELS) throw new IOException(name + ".npy rows hold " + m.dim() + " values, expected 112x112x3");
            int[] labels;
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".labels.npy"))) {
                labels = Npy.readInt1d(in, name + ".labels.npy");
            }
            if (labels.length != m.rows()) throw new IOException(name + ": " + labels.length + " labels for " + m.rows() + " crops");
            return new View(name, m, labels);
        }

        int[] faceRows() {
            List<Integer> r = new ArrayList<>();
            for (int i = 0; i < crops.rows(); i++) if (crops.isValid(i)) r.add(i);
            return r.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException | OrtException e) {
            System.err.println("affect4j: error: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        long begin = System.nanoTime();
        if (args.length < 2) throw new IllegalArgumentException("usage: FaceNetFineTune CROPS OUT [--views ...] [--lr ...] ...");
        Path cropsDir = Path.of(args[0]), out = Path.of(args[1]);
        Map<String, String> o = new LinkedHashMap<>(Map.of("views", "train,mirror,aug1,aug2", "lr", "3e-4", "wd", "1e-4",
                "epochs", "2", "batch", "32", "shift", "4", "seed", "1", "limit", "0", "threads", "2"));
        o.putAll(Map.of("frozen", "2", "features", "yes"));
        for (int i = 2; i < args.length; i += 2) {
            String k = args[i].replaceFirst("^--", "");
            if (!o.containsKey(k) || i + 1 >= args.length) throw new IllegalArgumentException("unknown or incomplete option " + args[i]);
            o.put(k, args[i + 1]);
        }
        FaceNetTrainer.Options opt = new FaceNetTrainer.Options(Double.parseDouble(o.get("lr")), Double.parseDouble(o.get("wd")),
                Integer.parseInt(o.get("epochs")), Integer.parseInt(o.get("batch")), Long.parseLong(o.get("seed")),
                Integer.parseInt(o.get("shift")), Integer.parseInt(o.get("frozen")), Integer.parseInt(o.get("threads")));
        boolean features = o.get("features").equals("yes");
        int limit = Integer.parseInt(o.get("limit"));
        Map<String, View> views = new LinkedHashMap<>();
        for (String n : ALL) views.put(n, View.open(cropsDir, n));
        List<View> trainViews = new ArrayList<>();
        for (String v : o.get("views").split(",")) {
            String n = v.equals("train") ? "fer2013-train" : "fer2013-train-" + v;
            if (!views.containsKey(n)) throw new IllegalArgumentException("unknown training view " + v + " (train, mirror, aug1, aug2)");
            trainViews.add(views.get(n));
        }
        Files.createDirectories(out);
        System.err.printf(Locale.ROOT, "face-finetune: %s%n", o);

        Map<String, TfjsTensor> shippedTf = FaceApiNetConverter.weights(ConvertedModels.faceApiExpressionManifest());
        Map<String, NamedTensor> shipped = new LinkedHashMap<>();
        shippedTf.forEach((k, t) -> shipped.put(k, new NamedTensor(k, t.shape(), t.requireFloats())));

        View val = views.get("fer2013-val");
        int[] valRows = val.faceRows();
        List<String> table = new ArrayList<>();
        table.add("| net | val macro-F1 | val acc | test macro-F1 | test acc | test+mirror macro-F1 | test+mirror acc |");
        table.add("|---|---|---|---|---|---|---|");
        int threads = opt.threads();
        try (OrtNet net = new OrtNet(shipped, threads)) {
            long t0 = System.nanoTime();
            table.add(row("face-api as shipped", net, views));
            System.err.printf(Locale.ROOT, "face-finetune: shipped net scored in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }

        // training crops: the face rows of the chosen views (the first `limit` of each when set)
        List<View> tv = new ArrayList<>();
        List<int[]> tr = new ArrayList<>();
        int total = 0;
        for (View v : trainViews) {
            int[] r = v.faceRows();
            if (limit > 0 && r.length > limit) {
                // a seeded random subset (the files are sorted by class, so never the first rows)
                java.util.SplittableRandom rng = new java.util.SplittableRandom(opt.seed() + tv.size());
                for (int i = r.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1), t = r[i];
                    r[i] = r[j];
                    r[j] = t;
                }
                r = java.util.Arrays.copyOf(r, limit);
                java.util.Arrays.sort(r);
            }
            tv.add(v);
            tr.add(r);
            total += r.length;
        }
        int n = total;
        int[] viewOf = new int[n], rowOf = new int[n];
        for (int v = 0, k = 0; v < tv.size(); v++) {
            for (int r : tr.get(v)) {
                viewOf[k] = v;
                rowOf[k++] = r;
            }
        }
        FaceNetTrainer.Crops train = new FaceNetTrainer.Crops() {
            public int size() {
                return n;
            }

            public int label(int i) {
                return tv.get(viewOf[i]).labels()[rowOf[i]];
            }

            public void copy(int i, float[] dst, int offset) {
                tv.get(viewOf[i]).crops().copyRow(rowOf[i], dst, offset);
            }
        };
        System.err.printf(Locale.ROOT, "face-finetune: %d training crops, %d validation crops%n", n, valRows.length);
        long start = System.nanoTime();
        FaceNetTrainer.Result res = new FaceNetTrainer(opt).fit(shipped, train,
                net -> {
                    try (OrtNet ort = new OrtNet(net.weights(), threads)) {
                        return evaluate(scores(ort, val, valRows), val, valRows).macroF1OverGoldClasses();
                    } catch (OrtException e) {
                        throw new IllegalStateException(e);
                    }
                },
                new FaceNetTrainer.Progress() {
                    long last = System.nanoTime();

                    @Override
                    public void onStep(int epoch, int step, int steps, double loss) {
                        if (System.nanoTime() - last > 30e9 || step == steps) {
                            last = System.nanoTime();
                            System.err.printf(Locale.ROOT, "face-finetune: epoch %d step %d/%d loss %.4f (%.0f s)%n", epoch, step,
                                    steps, loss, (last - start) / 1e9);
                        }
                    }

                    @Override
                    public void onEpoch(int epoch, double loss, double score, double seconds) {
                        System.err.printf(Locale.ROOT, "face-finetune: epoch %d: train loss %.4f, val macro-F1 %.4f, %.0f s%n",
                                epoch, loss, score, seconds);
                    }
                });
        System.out.printf(Locale.ROOT, "face-finetune: chosen epoch %d of %d (val macro-F1 per epoch %s)%n", res.bestEpoch(),
                opt.epochs(), java.util.Arrays.toString(res.scores()));

        byte[] onnx = new FaceApiNetConverter().convert(tfjs(res.bestWeights()), "fine-tuned weights");
        AtomicFiles.write(out.resolve("faceapi-expression-tuned.onnx"), os -> os.write(onnx));
        try (OrtNet tuned = new OrtNet(onnx, threads)) {
            table.add(row("fine-tuned (epoch " + res.bestEpoch() + ")", tuned, views));
            table.forEach(System.out::println);
            System.out.flush();
            if (!features) return;
            for (View v : views.values()) {
                writeFeatures(tuned, v, out.resolve(v.name() + ".npy"));
                System.err.printf(Locale.ROOT, "face-finetune: wrote %s%n", out.resolve(v.name() + ".npy"));
            }
        }
        System.out.printf(Locale.ROOT, "face-finetune: wrote %s and the features of %d views; %.0f s in all%n",
                out.resolve("faceapi-expression-tuned.onnx"), views.size(), (System.nanoTime() - begin) / 1e9);
    }

    /** One table row: val, test, test averaged with its mirror; face rows of each. */
    static String row(String label, OrtNet net, Map<String, View> views) {
        View val = views.get("fer2013-val"), test = views.get("fer2013-test"), mirror = views.get("fer2013-test-mirror");
        int[] vr = val.faceRows(), tr = test.faceRows();
        Evaluation ev = evaluate(scores(net, val, vr), val, vr);
        float[][] ts = scores(net, test, tr);
        Evaluation et = evaluate(ts, test, tr);
        float[][] ms = scores(net, mirror, tr);
        float[][] avg = new float[tr.length][];
        for (int i = 0; i < tr.length; i++) {
            avg[i] = ts[i].clone();
            // a mirrored picture without a face leaves the unmirrored score alone
            if (mirror.crops().isValid(tr[i])) for (int k = 0; k < 7; k++) avg[i][k] = (ts[i][k] + ms[i][k]) / 2;
        }
        Evaluation ea = evaluate(avg, test, tr);
        return String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |", label, ev.macroF1OverGoldClasses(),
                ev.accuracy(), et.macroF1OverGoldClasses(), et.accuracy(), ea.macroF1OverGoldClasses(), ea.accuracy());
    }

    /**
     * The weights as the product runs them: converted by FaceApiNetConverter, run by ONNX Runtime (several
     * times faster than the DJL net on CPU, and the model the lead would ship).
     */
    static final class OrtNet implements AutoCloseable {
        final OrtEnvironment env = OrtEnvironment.getEnvironment();
        final OrtSession session;

        OrtNet(Map<String, NamedTensor> w, int threads) throws OrtException {
            this(new FaceApiNetConverter().convert(tfjs(w), "fine-tuned weights"), threads);
        }

        OrtNet(byte[] onnx, int threads) throws OrtException {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            so.setIntraOpNumThreads(threads);
            session = env.createSession(onnx, so);
        }

        /** {features [b][256], scores [b][7] in face-api's order}. */
        float[][][] run(float[] x, int b) throws OrtException {
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x, 0, b * PIXELS), new long[] {b, 112, 112, 3});
                 OrtSession.Result r = session.run(Map.of(FaceApiNetConverter.INPUT, t))) {
                return new float[][][] {(float[][]) r.get(FaceApiNetConverter.FEATURES).orElseThrow().getValue(),
                        (float[][]) r.get(FaceApiNetConverter.SCORES).orElseThrow().getValue()};
            }
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }

    static Map<String, TfjsTensor> tfjs(Map<String, NamedTensor> w) {
        Map<String, TfjsTensor> out = new LinkedHashMap<>();
        w.forEach((k, t) -> out.put(k, new TfjsTensor(k, t.shape(), t.values(), null)));
        return out;
    }

    /** Scores (ABAW order) of the given rows. */
    static float[][] scores(OrtNet net, View v, int[] rows) {
        try {
            float[][] s = new float[rows.length][];
            float[] x = new float[BATCH * PIXELS];
            for (int from = 0; from < rows.length; from += BATCH) {
                int b = Math.min(BATCH, rows.length - from);
                for (int r = 0; r < b; r++) v.crops().copyRow(rows[from + r], x, r * PIXELS);
                float[][] p = net.run(x, b)[1];
                for (int r = 0; r < b; r++) s[from + r] = FaceApiExpressionNet.toAbawOrder(p[r]);
            }
            return s;
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    static Evaluation evaluate(float[][] scores, View v, int[] rows) {
        int[] gold = new int[rows.length], pred = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            gold[i] = v.labels()[rows[i]];
            int best = 0;
            for (int k = 1; k < 7; k++) if (scores[i][k] > scores[i][best]) best = k;
            pred[i] = best;
        }
        return Evaluator.evaluate(gold, pred);
    }

    /** The net's 256-d features of every row of {@code v} (rows without a face too), float32 [N,256]. */
    static void writeFeatures(OrtNet net, View v, Path file) throws Exception {
        int n = v.crops().rows();
        float[] f = new float[n * 256];
        float[] x = new float[BATCH * PIXELS];
        for (int from = 0; from < n; from += BATCH) {
            int b = Math.min(BATCH, n - from);
            for (int r = 0; r < b; r++) v.crops().copyRow(from + r, x, r * PIXELS);
            float[][] feat = net.run(x, b)[0];
            for (int r = 0; r < b; r++) System.arraycopy(feat[r], 0, f, (from + r) * 256, 256);
        }
        AtomicFiles.write(file, os -> Npy.writeFloat2d(os, f, n, 256));
    }
}
