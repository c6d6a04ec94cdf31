import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.predict.ExpressionModels;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shipped default model with {@code faceres-int8} rows in place of its {@code faceres} rows, not retrained
 * (issue 19): FER2013 val and test macro-F1 and accuracy of both, each picture as {@code predict IMAGE} labels it (the
 * rows of {@link VideoExtraction#stillImages}, the model's own {@code predict}, the Other rule on, a picture without a
 * face scored as a miss, as the recipe scores it):
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/DefaultModelInt8.java [--limit 0]</pre>
 */
public class DefaultModelInt8 {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        int limit = args.length > 1 && args[0].equals("--limit") ? Integer.parseInt(args[1]) : 0;
        Path fer = org.affect4j.util.Locations.data().map(d -> d.resolve("fer2013"))
                .filter(d -> Files.isRegularFile(d.resolve("labels.csv")))
                .orElseThrow(() -> new IllegalStateException("FER2013 not found: set AFFECT4J_DATA"));
        LateFusionModel model = ExpressionModels.shipped();
        List<String> features = new ArrayList<>(model.spec().visual().features());
        if (!features.contains("faceres")) throw new IllegalStateException("the default model does not use faceres");
        List<String> extracted = new ArrayList<>(features);
        extracted.add("faceres-int8");
        System.out.printf("default model %s: face features %s, mirror stills %s%n", model.spec().name(), features,
                model.mirrorsStills());
        for (String split : List.of("val", "test")) {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(fer.resolve("labels.csv"))) {
                String[] f = line.split(",");
                if (f[2].equals(split) && (limit == 0 || rows.size() < limit)) rows.add(f);
            }
            List<RgbImage> images = new ArrayList<>();
            List<RgbImage> mirrored = new ArrayList<>();
            int[] gold = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                images.add(Images.read(fer.resolve(rows.get(i)[0])));
                mirrored.add(Images.mirror(images.get(i)));
                gold[i] = Integer.parseInt(rows.get(i)[1]);
            }
            Path store = Files.createTempDirectory("affect4j-default-int8");
            Map<String, FeatureMatrix> x;
            Map<String, FeatureMatrix> xm = null;
            long t0 = System.nanoTime();
            try (VideoExtraction ex = new VideoExtraction(new FeatureStore(store), ExtractionOptions.of(extracted, 2))) {
                x = ex.stillImages(images);
                if (model.mirrorsStills()) xm = ex.stillImages(mirrored);
            } finally {
                try (var w = Files.walk(store)) {
                    w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            System.out.printf("%s: %d pictures extracted in %.0f s%n", split, rows.size(), (System.nanoTime() - t0) / 1e9);
            Evaluation fp32 = score(model, features, x, xm, gold, "faceres");
            Evaluation int8 = score(model, features, x, xm, gold, "faceres-int8");
            System.out.printf("%s: faceres rows macro-F1 %.4f accuracy %.4f; faceres-int8 rows macro-F1 %.4f accuracy %.4f; "
                    + "difference %+.4f / %+.4f%n", split, fp32.macroF1OverGoldClasses(), fp32.accuracy(),
                    int8.macroF1OverGoldClasses(), int8.accuracy(),
                    int8.macroF1OverGoldClasses() - fp32.macroF1OverGoldClasses(), int8.accuracy() - fp32.accuracy());
        }
    }

    /** The model on every picture, its {@code faceres} rows taken from {@code faceresFrom}. */
    static Evaluation score(LateFusionModel model, List<String> features, Map<String, FeatureMatrix> x,
                            Map<String, FeatureMatrix> xm, int[] gold, String faceresFrom) {
        int[] pred = new int[gold.length];
        for (int i = 0; i < gold.length; i++) {
            FramePredictions p = model.predict(one(x, features, i, faceresFrom),
                    xm == null ? null : one(xm, features, i, faceresFrom), 1.0);
            pred[i] = p.label(0) >= 0 ? p.label(0) : ExprClass.OTHER.ordinal();
        }
        return Evaluator.evaluate(gold, pred);
    }

    static Map<String, FeatureMatrix> one(Map<String, FeatureMatrix> x, List<String> features, int i, String faceresFrom) {
        Map<String, FeatureMatrix> r = new LinkedHashMap<>();
        for (String f : features) {
            FeatureMatrix m = x.get(f.equals("faceres") ? faceresFrom : f);
            r.put(f, new FeatureMatrix(1, m.dim(), m.row(i), new boolean[] {m.isValid(i)}));
        }
        return r;
    }
}
