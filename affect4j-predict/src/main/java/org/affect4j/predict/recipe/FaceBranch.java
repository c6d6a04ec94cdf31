package org.affect4j.predict.recipe;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.linear.MlpClassifier;
import org.affect4j.linear.MlpTrainer;
import org.affect4j.linear.SoftmaxRegressionTrainer;
import org.affect4j.media.Pictures;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.Head;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.MeanHead;
import org.affect4j.predict.model.MlpHead;
import org.affect4j.predict.model.OpenSet;
import org.affect4j.predict.model.WeightPrecision;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixWriter;
import org.affect4j.store.VideoInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The face branch of the default model, trained and measured on FER2013 through the path {@code predict} runs on a
 * picture: every training, validation and test image is searched for a face, aligned and embedded by
 * {@link VideoExtraction#stillImages} (the code behind an image input's single frame), and every figure comes from
 * {@link LateFusionModel#predict} on those rows, one image at a time, as {@code predict IMAGE} labels it. Training
 * images are also seen mirrored and in random variants ({@link FaceAugmentation}) that move the face as detection
 * jitter and other cameras do. Candidate heads (softmax regressions over an L2 grid, perceptrons or the mean of
 * several perceptrons from different seeds) are compared on FER2013 validation, read as the model will read them
 * (with each picture's mirror image when the model mirrors stills); the winner is optionally refitted on train + validation with the chosen settings and
 * measured on FER2013 test. Rows are cached in the work store, one matrix per split and view.
 */
final class FaceBranch {
    private static final int CHUNK = 512;
    private static final int ITERATIONS = 400;

    /** The chosen head, what it is, and its measured figure. */
    record Result(Head head, String what, String figure, double otherThreshold, String otherFigure) {
    }

    private record Picture(Path file, int label) {
    }

    private final RecipeConfig.Visual config;
    private final Path fer;
    private final RecipeConfig.Faces layout;
    private final FeatureStore work;
    private final int threads;
    private final WeightPrecision weights;
    private final double smoothingSeconds;
    private final Consumer<String> log;

    FaceBranch(RecipeConfig.Visual config, RecipeConfig.Faces layout, Path fer, FeatureStore work, int threads,
               WeightPrecision weights, double smoothingSeconds, Consumer<String> log) {
        this.weights = weights;
        this.config = config;
        this.layout = layout;
        this.fer = fer;
        this.work = work;
        this.threads = threads;
        this.smoothingSeconds = smoothingSeconds;
        this.log = log;
    }

    Result build() throws IOException {
        Map<String, List<Picture>> pictures = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test")) pictures.put(split, pictures(fer.resolve(folder(split))));
        int views = 2 + config.augmentations();
        List<Map<String, FeatureMatrix>> train = new ArrayList<>(), val = new ArrayList<>();
        Map<String, FeatureMatrix> test, testMirror = null;
        int refitValViews = config.refit() ? views : 1; // val's views that join the refit
        int valViews = Math.max(refitValViews, config.mirrorStills() ? 2 : 1);
        try (VideoExtraction x = new VideoExtraction(work, options(config.features()))) {
            for (int v = 0; v < views; v++) train.add(view(x, "train", v, pictures.get("train")));
            for (int v = 0; v < valViews; v++) val.add(view(x, "val", v, pictures.get("val")));
            test = view(x, "test", 0, pictures.get("test"));
            if (config.mirrorStills()) testMirror = view(x, "test", 1, pictures.get("test"));
        }
        Map<String, FeatureMatrix> valMirror = config.mirrorStills() ? val.get(1) : null;
        int[] trainLabels = labels(pictures.get("train")), valLabels = labels(pictures.get("val"));
        int[] classes = DefaultModelRecipe.presentClasses(trainLabels);
        LabelledRows fit = rows(train, trainLabels);
        log.accept("face branch: " + fit.size() + " training rows (" + views + " views of "
                + trainLabels.length + " images, faces found in " + fit.size() * 100 / (views * trainLabels.length) + " %)");

        Candidate best = null;
        for (double l2 : config.l2()) {
            Head h = LinearHead.of(new SoftmaxRegressionTrainer(l2, false, ITERATIONS)
                    .fit(fit.features(), DefaultModelRecipe.compact(fit.labels(), classes), classes.length), classes);
            best = better(best, new Candidate("softmax regression, L2 " + l2, l2, 0, 0, h,
                    score(h, val.get(0), valMirror, valLabels, 0).macroF1OverGoldClasses()));
        }
        if (config.mlp() != null) {
            int members = config.mlp().members();
            for (int hidden : config.mlp().hidden()) {
                // every member's perceptron after each epoch; the epoch is chosen for the members' mean
                List<List<MlpHead>> epochs = new ArrayList<>();
                for (int k = 0; k < members; k++) {
                    int member = k;
                    int[] epoch = {0};
                    mlp(hidden, config.mlp().epochs(), k).fit(fit.features(),
                            DefaultModelRecipe.compact(fit.labels(), classes), classes.length, c -> {
                                if (epochs.size() <= epoch[0]) epochs.add(new ArrayList<>());
                                MlpHead h = MlpHead.of(c, classes);
                                epochs.get(epoch[0]++).add(h);
                                if (members == 1) return 0;
                                double f1 = score(h, val.get(0), valMirror, valLabels, 0).macroF1OverGoldClasses();
                                log.accept(String.format("face branch: MLP %d, member %d/%d, epoch %d: validation macro-F1 %.4f",
                                        hidden, member + 1, members, epoch[0], f1));
                                return 0;
                            });
                }
                int bestEpoch = 0;
                double bestF1 = -1;
                Head bestHead = null;
                for (int e = 0; e < epochs.size(); e++) {
                    Head h = mean(epochs.get(e));
                    double f1 = score(h, val.get(0), valMirror, valLabels, 0).macroF1OverGoldClasses();
                    log.accept(String.format("face branch: MLP %d%s, epoch %d: validation macro-F1 %.4f", hidden,
                            members == 1 ? "" : ", mean of " + members, e + 1, f1));
                    if (f1 > bestF1) {
                        bestF1 = f1;
                        bestEpoch = e + 1;
                        bestHead = h;
                    }
                }
                String what = members == 1 ? "perceptron, " + hidden + " hidden units"
                        : "mean of " + members + " perceptrons (seeds 42-" + (41 + members) + "), " + hidden + " hidden units";
                best = better(best, new Candidate(what, 0, hidden, bestEpoch, bestHead, bestF1));
            }
        }
        log.accept(String.format("face branch: chose %s (FER2013 val macro-F1 %.4f)", best.what, best.validationF1));
        Head head = best.head;
        String trainedOn = "FER2013 train (" + trainLabels.length + " images";
        if (config.refit()) {
            LabelledRows v = rows(val.subList(0, refitValViews), valLabels);
            for (int i = 0; i < v.size(); i++) fit.add(v.x.get(i), v.y.get(i), "");
            head = refit(best, fit, classes);
            trainedOn = "FER2013 train + val (" + (trainLabels.length + valLabels.length) + " images";
        }
        trainedOn += ", each also mirrored and in " + config.augmentations() + " random variants"
                + (config.augmentation().maxZoomIn() > 0
                ? String.format(java.util.Locale.ROOT, ", zoomed into the picture by up to %.0f %% as tighter crops are",
                        100 * config.augmentation().maxZoomIn())
                : "") + ")";
        // the seven refits of the Other rule see the pictures and their mirror images only, to bound the build time
        OpenSetChoice other = otherThreshold(best, rows(train.subList(0, 2), trainLabels), val.get(0), valMirror, valLabels,
                classes);
        head = weights.apply(head, Head.class); // measured as it ships
        int[] testLabels = labels(pictures.get("test"));
        Evaluation t = score(head, test, testMirror, testLabels, other.theta);
        Evaluation closed = score(head, test, testMirror, testLabels, 0);
        String figure = String.format("FER2013 test (%d images, each through the predict path): macro-F1 %.3f over its 7 "
                        + "classes, accuracy %.3f, with the Other rule at %.3f (%.1f %% of test images called Other; "
                        + "without the rule %.3f / %.3f); %s chosen on FER2013 val (val macro-F1 %.3f%s)", t.frames(),
                t.macroF1OverGoldClasses(), t.accuracy(), other.theta, 100.0 * other(t), closed.macroF1OverGoldClasses(),
                closed.accuracy(), best.what, best.validationF1, config.refit() ? "; refitted on train + val" : "");
        if (config.mirrorStills()) figure += "; each picture's reading averaged with its mirror image's, as predict does";
        String what = best.what + " on " + String.join(" + ", config.features())
                + " of the detected and aligned face"
                + (config.stillMinScore() > 0 ? String.format(java.util.Locale.ROOT,
                " (a picture without a face at the detector's own score searched again down to %.2f)", config.stillMinScore()) : "")
                + ", trained on " + trainedOn
                + (weights == WeightPrecision.INT8 ? "; weight matrices stored in 8 bits" : "");
        return new Result(head, what, figure, other.theta, other.figure);
    }

    private static double other(Evaluation e) {
        long n = e.confusion().total();
        return n == 0 ? 0 : (double) e.confusion().predictedCount(ExprClass.OTHER.ordinal()) / n;
    }

    private record OpenSetChoice(double theta, String figure) {
    }

    /**
     * The open-set rule's threshold ({@link org.affect4j.predict.model.OpenSet}), chosen so that an expression the
     * head never saw comes out as Other: for each class in turn, the chosen head is refitted without that class and
     * FER2013 val is labelled with that class's pictures counting as Other; theta maximises the mean macro-F1 (over
     * the six known classes and Other) of these seven rounds among the thresholds that call at most
     * {@code otherBudget} of the known pictures Other (a false-alarm budget, as open-set recognition fixes one: without
     * it the score, where Other weighs as much as each basic class, pushes most uncertain faces to Other).
     * {@code fit}: the training rows of the rounds.
     */
    private OpenSetChoice otherThreshold(Candidate best, LabelledRows fit, Map<String, FeatureMatrix> val,
                                         Map<String, FeatureMatrix> valMirror, int[] valLabels, int[] classes) {
        int rounds = classes.length, n = valLabels.length;
        double[][][] probs = new double[rounds][][];
        int[][] gold = new int[rounds][n];
        for (int r = 0; r < rounds; r++) {
            int unknown = classes[r];
            int[] known = java.util.Arrays.stream(classes).filter(c -> c != unknown).toArray();
            LabelledRows without = new LabelledRows();
            for (int i = 0; i < fit.size(); i++) if (fit.y.get(i) != unknown) without.add(fit.x.get(i), fit.y.get(i), "");
            log.accept("face branch, Other rule: round " + (r + 1) + "/" + rounds + ", " + ExprClass.of(unknown).displayName()
                    + " unknown");
            Head h = refit(best, without, known);
            probs[r] = probabilities(h, val, valMirror);
            for (int i = 0; i < n; i++) gold[r][i] = valLabels[i] == unknown ? ExprClass.OTHER.ordinal() : valLabels[i];
        }
        double bestTheta = 0, bestF1 = -1, closedF1 = 0;
        double[] otherShare = null;
        for (int step = 0; step <= 38; step++) {
            double theta = step * 0.025;
            double f1 = 0;
            double[] share = new double[2]; // unknown pictures called Other, called their most frequent basic class
            double falseOther = 0; // known pictures called Other
            for (int r = 0; r < rounds; r++) {
                int[] pred = new int[n];
                int[] counts = new int[ExprClass.COUNT];
                int unknownCount = 0;
                for (int i = 0; i < n; i++) {
                    pred[i] = probs[r][i] == null ? ExprClass.OTHER.ordinal()
                            : OpenSet.apply(FramePredictions.ofProbabilities(new double[][] {probs[r][i]}), theta).label(0);
                    if (gold[r][i] == ExprClass.OTHER.ordinal()) {
                        counts[pred[i]]++;
                        unknownCount++;
                    } else if (pred[i] == ExprClass.OTHER.ordinal()) {
                        falseOther += 1.0 / (n * rounds);
                    }
                }
                f1 += Evaluator.evaluate(gold[r], pred).macroF1OverGoldClasses() / rounds;
                int other = counts[ExprClass.OTHER.ordinal()];
                counts[ExprClass.OTHER.ordinal()] = 0;
                share[0] += (double) other / unknownCount / rounds;
                share[1] += (double) java.util.Arrays.stream(counts).max().orElse(0) / unknownCount / rounds;
            }
            if (step == 0) closedF1 = f1;
            if (falseOther <= config.otherBudget() && f1 > bestF1) {
                bestF1 = f1;
                bestTheta = theta;
                otherShare = share;
            }
        }
        String figure = String.format("theta %.3f chosen on FER2013 val with one expression at a time unknown to the head "
                        + "(7 rounds), at most %.0f %% of known pictures called Other: mean macro-F1 over the known six and "
                        + "Other %.3f (%.3f without the rule); pictures of the unknown expression called Other %.1f %%, "
                        + "called their most frequent basic class %.1f %%", bestTheta, 100 * config.otherBudget(), bestF1,
                closedF1, 100 * otherShare[0], 100 * otherShare[1]);
        log.accept("face branch, Other rule: " + figure);
        return new OpenSetChoice(bestTheta, figure);
    }

    /**
     * Per picture, the face probabilities predict gives it (no Other rule), or null without a face; {@code mirror}:
     * the rows of the mirrored pictures, or null.
     */
    private double[][] probabilities(Head head, Map<String, FeatureMatrix> rows, Map<String, FeatureMatrix> mirror) {
        LateFusionModel model = faceOnly(head, 0);
        int n = rows.get(config.features().get(0)).rows();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!rows.get(config.features().get(0)).isValid(i)) continue;
            out[i] = model.predict(one(rows, i), one(mirror, i), 1.0).probabilities(0);
        }
        return out;
    }

    private LateFusionModel faceOnly(Head head, double theta) {
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "face", Map.of(),
                new LateFusionModel.Visual(config.features(), head, config.mirrorStills(), config.stillMinScore()), null, 1, 0,
                smoothingSeconds, theta));
    }

    /** Row i of every feature, as one picture's matrices; null when {@code rows} is. */
    private Map<String, FeatureMatrix> one(Map<String, FeatureMatrix> rows, int i) {
        if (rows == null) return null;
        Map<String, FeatureMatrix> one = new LinkedHashMap<>();
        for (String f : config.features()) one.put(f, slice(rows.get(f), i));
        return one;
    }

    private record Candidate(String what, double l2, int hidden, int epochs, Head head, double validationF1) {
    }

    private static Candidate better(Candidate a, Candidate b) {
        return a == null || b.validationF1 > a.validationF1 ? b : a;
    }

    /** The perceptron trainer of ensemble member {@code member} (seed 42 + member). */
    private MlpTrainer mlp(int hidden, int epochs, int member) {
        RecipeConfig.Mlp m = config.mlp();
        return new MlpTrainer(hidden, epochs, m.learningRate(), m.weightDecay(), m.dropout(), m.batch(), 42 + member);
    }

    /** One head, or the mean of several ({@link MeanHead}). */
    private static Head mean(List<? extends Head> members) {
        return members.size() == 1 ? members.get(0) : new MeanHead(List.copyOf(members));
    }

    /** The chosen settings fitted again on more rows: the same L2, or the same perceptron for the chosen epochs. */
    private Head refit(Candidate c, LabelledRows rows, int[] classes) {
        log.accept("face branch: refitting " + c.what + " on " + rows.size() + " rows");
        int[] y = DefaultModelRecipe.compact(rows.labels(), classes);
        if (c.hidden == 0) {
            return LinearHead.of(new SoftmaxRegressionTrainer(c.l2, false, ITERATIONS).fit(rows.features(), y,
                    classes.length), classes);
        }
        List<Head> members = new ArrayList<>();
        for (int k = 0; k < config.mlp().members(); k++) {
            int[] epoch = {0};
            members.add(MlpHead.of(mlp(c.hidden, c.epochs, k).fit(rows.features(), y, classes.length, m -> ++epoch[0]), classes));
        }
        return mean(members);
    }

    /**
     * Scores a head the way {@code predict IMAGE} labels a picture: its rows alone through the model's predict, the
     * label of its one frame; a picture without a face counts as a miss. {@code mirror}: the rows of the mirrored
     * pictures, or null.
     */
    private Evaluation score(Head head, Map<String, FeatureMatrix> rows, Map<String, FeatureMatrix> mirror, int[] gold,
                             double theta) {
        LateFusionModel model = faceOnly(head, theta);
        int[] pred = new int[gold.length];
        for (int i = 0; i < gold.length; i++) {
            FramePredictions p = model.predict(one(rows, i), one(mirror, i), 1.0);
            // a picture with no face has no label; scored as a miss (Other is never gold in FER2013)
            pred[i] = p.label(0) >= 0 ? p.label(0) : ExprClass.OTHER.ordinal();
        }
        return Evaluator.evaluate(gold, pred);
    }

    private static FeatureMatrix slice(FeatureMatrix m, int i) {
        return new FeatureMatrix(1, m.dim(), m.row(i), new boolean[] {m.isValid(i)});
    }

    /** Rows of pictures with a face, over all views, as training examples. */
    private LabelledRows rows(List<Map<String, FeatureMatrix>> views, int[] labels) {
        LabelledRows r = new LabelledRows();
        for (Map<String, FeatureMatrix> v : views) {
            FeatureMatrix m = FeatureRows.concat(v, config.features());
            for (int i = 0; i < m.rows(); i++) {
                if (m.isValid(i)) r.add(m.row(i), labels[i], "");
            }
        }
        return r;
    }

    // ---------------------------------------------------------------- pictures and their rows

    /** How the pictures are extracted: as {@code predict} extracts a still with this branch's model. */
    private ExtractionOptions options(List<String> features) {
        return ExtractionOptions.builder(features).threads(threads).stillMinScore(config.stillMinScore()).build();
    }

    /**
     * View 0: the pictures as they are; 1: mirrored; 2 and up: random variants, seeded by view and picture. A
     * further face search of the pictures ({@code stillMinScore}) names its rows apart from rows found without it.
     */
    private Map<String, FeatureMatrix> view(VideoExtraction x, String split, int view, List<Picture> pictures)
            throws IOException {
        FaceAugmentation aug = config.augmentation();
        String name = Path.of(layout.folder()).getFileName() + "-" + split + (view == 0 ? "" : view == 1 ? "-mirror"
                : String.format("-aug%d-%08x", view - 1, aug.hashCode()))
                + (config.stillMinScore() > 0 ? String.format(java.util.Locale.ROOT, "-min%.2f", config.stillMinScore()) : "");
        List<String> ids = new ArrayList<>(x.featureIds());
        ids.add(VideoExtraction.FACE_BOX);
        if (ids.stream().allMatch(f -> work.has(f, name))) return read(ids, name);
        List<String> missing = x.featureIds().stream().filter(f -> !work.has(f, name)).toList();
        if (work.has(VideoExtraction.FACE_BOX, name) && missing.size() < x.featureIds().size()) {
            // a feature added to a recipe whose other rows are cached: compute only the new ones
            try (VideoExtraction only = new VideoExtraction(work, options(missing))) {
                extract(only, missing, name, split, view, pictures);
            }
            return read(ids, name);
        }
        extract(x, ids, name, split, view, pictures);
        return read(ids, name);
    }

    /** Extracts the rows of {@code ids} for one view and commits them to the work store. */
    private void extract(VideoExtraction x, List<String> ids, String name, String split, int view, List<Picture> pictures)
            throws IOException {
        FaceAugmentation aug = config.augmentation();
        log.accept("face features: " + name + " " + ids + " (" + pictures.size() + " pictures)");
        Map<String, MatrixWriter> writers = new LinkedHashMap<>();
        try {
            for (String id : ids) writers.put(id, work.writer(id, name));
            for (int from = 0; from < pictures.size(); from += CHUNK) {
                List<RgbImage> images = new ArrayList<>();
                for (int i = from; i < Math.min(pictures.size(), from + CHUNK); i++) {
                    RgbImage im = Pictures.read(pictures.get(i).file);
                    images.add(view == 0 ? im : view == 1 ? Images.mirror(im)
                            : aug.apply(im, view * 1_000_003L + i));
                }
                Map<String, FeatureMatrix> rows = x.stillImages(images);
                for (String id : ids) {
                    FeatureMatrix m = rows.get(id);
                    for (int i = 0; i < m.rows(); i++) writers.get(id).append(m.row(i), m.isValid(i));
                }
            }
            for (MatrixWriter w : writers.values()) w.commit();
        } finally {
            writers.values().forEach(MatrixWriter::close);
        }
        work.putVideo(new VideoInfo(name, pictures.size(), 1.0, fer.resolve(folder(split)).toString()));
    }

    /** The configured folder of a split (train, val or test). */
    private String folder(String split) {
        return switch (split) {
            case "train" -> layout.train();
            case "val" -> layout.validation();
            default -> layout.test();
        };
    }

    private Map<String, FeatureMatrix> read(List<String> ids, String name) {
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        for (String id : ids) m.put(id, work.get(id, name));
        return m;
    }

    /** The pictures of a split, class folders in name order, files in name order. */
    private static List<Picture> pictures(Path split) {
        if (!Files.isDirectory(split)) throw new IllegalArgumentException(split + " does not exist (see the data README)");
        List<Picture> out = new ArrayList<>();
        for (Path dir : list(split, true)) {
            int label = ExprClass.byName(dir.getFileName().toString()).ordinal();
            for (Path f : list(dir, false)) out.add(new Picture(f, label));
        }
        return out;
    }

    private static List<Path> list(Path dir, boolean dirs) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(dirs ? Files::isDirectory : Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] labels(List<Picture> pictures) {
        return pictures.stream().mapToInt(Picture::label).toArray();
    }
}
