package org.affect4j.predict.recipe;

import org.affect4j.data.ExprClass;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.linear.SoftmaxRegressionTrainer;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.predict.model.LateFusionModel;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;

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
 * Builds the shipped default model from public data, with the same extraction code {@code predict} runs:
 * <ol>
 *   <li>face branch: FER2013 images (48x48 face crops, taken as pre-aligned frames) through the chosen face
 *       extractors; a softmax regression, L2 chosen on FER2013 validation, measured on FER2013 test;</li>
 *   <li>voice branch: RAVDESS speech through the chosen audio descriptors and voice activity; windowed
 *       functionals over speech (optional per-utterance normalisation); a softmax regression trained on some actors, L2
 *       chosen on held-out training actors, measured on unseen actors (speaker-independent);</li>
 *   <li>the two heads, the fusion weights and the smoothing saved as one JSON model with the measured figures in
 *       its description.</li>
 * </ol>
 * Extracted features are kept in a work store, so a rerun (e.g. with other L2 values) does not extract again.
 */
public final class DefaultModelRecipe {
    private static final int ITERATIONS = 400;
    private final RecipeConfig config;
    private final Path data;
    private final FeatureStore work;
    private final Consumer<String> log;
    /** The open-set rule's threshold, set by the face branch (0 without one). */
    private double otherThreshold;

    /**
     * @param config recipe
     * @param data   the data folder holding {@code fer2013/} and {@code ravdess/} (see the data README)
     * @param work   work store directory (reused across runs)
     * @param log    progress lines
     */
    public DefaultModelRecipe(RecipeConfig config, Path data, Path work, Consumer<String> log) {
        this.config = config;
        this.data = data;
        this.work = new FeatureStore(work);
        this.log = log;
    }

    /** Runs the recipe and returns the model (not yet saved). */
    public LateFusionModel build() throws IOException {
        Map<String, String> description = new LinkedHashMap<>();
        description.put("model", "affect4j default: face and voice linear heads, log-linear fusion, "
                + config.smoothingSeconds() + " s box smoothing");
        LateFusionModel.Visual visual = null;
        LateFusionModel.Audio audio = null;
        if (config.visual() != null) visual = buildVisual(description);
        if (config.audio() != null) audio = buildAudio(description);
        description.put("licence", "weights derived from FER2013 (research use only) and RAVDESS (CC BY-NC-SA 4.0): "
                + "not for commercial use");
        description.put("note", "not trained on Aff-Wild2; train your own with 'affect4j train' if you hold that corpus");
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, config.name(), description, visual,
                audio, config.visualWeight(), config.audioWeight(), config.smoothingSeconds(), otherThreshold));
    }

    // ---------------------------------------------------------------- face branch (FER2013)

    private LateFusionModel.Visual buildVisual(Map<String, String> description) throws IOException {
        RecipeConfig.Visual v = config.visual();
        FaceBranch.Result r = new FaceBranch(v, require(data.resolve("fer2013")), work, config.threads(),
                config.smoothingSeconds(), log).build();
        log.accept("face branch: " + r.figure());
        description.put("face branch", r.what());
        description.put("face branch, measured", r.figure());
        description.put("Other", "said when no basic class reaches probability " + r.otherThreshold() + "; " + r.otherFigure());
        otherThreshold = r.otherThreshold();
        return new LateFusionModel.Visual(v.features(), r.head());
    }

    // ---------------------------------------------------------------- voice branch (RAVDESS)

    private LateFusionModel.Audio buildAudio(Map<String, String> description) throws IOException {
        RecipeConfig.Audio a = config.audio();
        Path rav = require(data.resolve("ravdess"));
        List<String> names = new ArrayList<>(a.features());
        if (a.gate() != null) names.add(a.gate());
        LabelledRows train = new LabelledRows(), val = new LabelledRows(), fit = new LabelledRows(), test = new LabelledRows();
        List<String[]> labels = readCsv(rav.resolve("labels.csv"));
        try (VideoExtraction x = new VideoExtraction(work, new ExtractionOptions(names, "blazeface", "main", null, 0,
                100, config.threads(), 32))) {
            int done = 0;
            for (String[] row : labels) {
                String file = row[0];
                int actor = Integer.parseInt(row[1]);
                int label = Integer.parseInt(row[3]);
                boolean isTest = in(actor, a.testActors()), isTrain = in(actor, a.trainActors());
                if (!isTest && !isTrain) continue;
                String name = "ravdess-" + file.replace(".flac", "");
                x.extract(new MediaInput(name, MediaInput.Kind.AUDIO, rav.resolve(file)), ExtractionListener.NONE);
                if (++done % 200 == 0) log.accept("voice features: " + done + " utterances");
                LabelledRows[] targets = isTest ? new LabelledRows[] {test}
                        : in(actor, a.validationActors()) ? new LabelledRows[] {val, fit} : new LabelledRows[] {train, fit};
                windows(name, label, a, targets);
            }
        }
        int[] classes = presentClasses(fit.labels());
        Fit chosen = choose(a.l2(), a.balanced(), train, val, classes, true);
        SoftmaxRegression model = new SoftmaxRegressionTrainer(chosen.l2, a.balanced(), ITERATIONS)
                .fit(fit.features(), compact(fit.labels(), classes), classes.length);
        Evaluation utt = evaluate(model, test, classes, true);
        Evaluation win = evaluate(model, test, classes, false);
        String figure = String.format("RAVDESS unseen actors %s (%d utterances): macro-F1 %.3f over its 7 classes, accuracy %.3f; per %.1f s window: macro-F1 %.3f (L2 %.0e chosen on actors %s)",
                a.testActors(), utt.frames(), utt.macroF1OverGoldClasses(), utt.accuracy(), 2 * a.halfWindowSeconds(),
                win.macroF1OverGoldClasses(), chosen.l2, a.validationActors());
        log.accept("voice branch: " + figure);
        description.put("voice branch", "softmax regression on mean and std of (" + a.normalise() + "-normalised) "
                + String.join(" + ", a.features()) + " over " + 2 * a.halfWindowSeconds() + " s windows of speech"
                + (a.gate() == null ? "" : " (" + a.gate() + " >= " + a.gateThreshold() + ")")
                + ", trained on RAVDESS actors " + a.trainActors());
        description.put("voice branch, measured", figure);
        return new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(), a.halfWindowSeconds(),
                a.normalise(), LinearHead.of(model, classes));
    }

    /** Speech windows of one utterance, every {@code hopSeconds}, as examples of its label. */
    private void windows(String name, int label, RecipeConfig.Audio a, LabelledRows[] targets) {
        Map<String, FeatureMatrix> f = read(a.gate() == null ? a.features() : concatNames(a.features(), a.gate()), name);
        double rate = work.video(name).orElseThrow().fps();
        FeatureMatrix x = LateFusionModel.concat(f, a.features());
        boolean[] gate = LateFusionModel.gate(f.get(a.gate()), a.gateThreshold());
        FeatureMatrix stats = LateFusionModel.audioInputs(x, gate, rate, a.halfWindowSeconds(), a.normalise());
        int hop = Math.max(1, (int) Math.round(a.hopSeconds() * rate));
        for (int i = 0; i < stats.rows(); i += hop) {
            if (stats.isValid(i) && (gate == null || gate[i])) {
                for (LabelledRows t : targets) t.add(stats.row(i), label, name);
            }
        }
    }

    private static List<String> concatNames(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    // ---------------------------------------------------------------- fitting and scoring

    private record Fit(SoftmaxRegression model, double l2, double validationF1) {
    }

    private static Fit choose(List<Double> grid, boolean balanced, LabelledRows train, LabelledRows val, int[] classes,
                              boolean byGroup) {
        if (train.size() == 0 || val.size() == 0) throw new IllegalArgumentException("no training or validation examples");
        Fit best = null;
        for (double l2 : grid) {
            SoftmaxRegression m = new SoftmaxRegressionTrainer(l2, balanced, ITERATIONS)
                    .fit(train.features(), compact(train.labels(), classes), classes.length);
            double f1 = evaluate(m, val, classes, byGroup).macroF1OverGoldClasses();
            if (best == null || f1 > best.validationF1) best = new Fit(m, l2, f1);
        }
        return best;
    }

    /** Scores examples one by one, or per group (utterance) by averaging the probabilities of its windows. */
    private static Evaluation evaluate(SoftmaxRegression m, LabelledRows rows, int[] classes, boolean byGroup) {
        Map<String, double[]> sum = new LinkedHashMap<>();
        Map<String, Integer> gold = new LinkedHashMap<>();
        List<Integer> g = new ArrayList<>(), p = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double[] pr = m.probabilities(rows.x.get(i));
            if (!byGroup) {
                g.add(rows.y.get(i));
                p.add(classes[SoftmaxRegression.argmax(pr)]);
                continue;
            }
            double[] s = sum.computeIfAbsent(rows.group.get(i), k -> new double[pr.length]);
            for (int k = 0; k < pr.length; k++) s[k] += pr[k];
            gold.put(rows.group.get(i), rows.y.get(i));
        }
        for (var e : sum.entrySet()) {
            g.add(gold.get(e.getKey()));
            p.add(classes[SoftmaxRegression.argmax(e.getValue())]);
        }
        return Evaluator.evaluate(g.stream().mapToInt(Integer::intValue).toArray(), p.stream().mapToInt(Integer::intValue).toArray());
    }

    static int[] presentClasses(int[] labels) {
        boolean[] seen = new boolean[ExprClass.COUNT];
        for (int l : labels) seen[l] = true;
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) if (seen[c]) out.add(c);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] compact(int[] labels, int[] classes) {
        int[] pos = new int[ExprClass.COUNT];
        java.util.Arrays.fill(pos, -1);
        for (int k = 0; k < classes.length; k++) pos[classes[k]] = k;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) out[i] = pos[labels[i]];
        return out;
    }

    // ---------------------------------------------------------------- files

    private Map<String, FeatureMatrix> read(List<String> names, String video) {
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        for (String n : names) m.put(n, work.get(n, video));
        return m;
    }

    private static boolean in(int actor, List<Integer> range) {
        return range != null && range.size() == 2 && actor >= range.get(0) && actor <= range.get(1);
    }

    private static Path require(Path p) {
        if (!Files.exists(p)) throw new IllegalArgumentException(p + " does not exist (see the data README for the expected layout)");
        return p;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String[]> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(require(file));
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) if (!l.isBlank()) out.add(l.split(","));
        return out;
    }
}
