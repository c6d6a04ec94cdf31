package org.affect4j.predict.recipe;

import org.affect4j.data.Dominant;
import org.affect4j.data.ExprClass;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.linear.SoftmaxRegressionTrainer;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.LinearHead;
import org.affect4j.predict.model.WindowStats;
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
     * @param data   the data folder holding the corpora ({@code fer2013/} and {@code ravdess/} by default, see the
     *               data README; {@link RecipeConfig#data()} says where)
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
        description.put("model", null); // first in the file; said once the branches are built
        LateFusionModel.Visual visual = null;
        LateFusionModel.Audio audio = null;
        if (config.visual() != null) visual = buildVisual(description);
        if (config.audio() != null) audio = buildAudio(description);
        description.put("model", "affect4j default: " + summary(visual, audio) + ", log-linear fusion, "
                + config.smoothingSeconds() + " s box smoothing");
        description.put("licence", "weights derived from FER2013 (research use only) and RAVDESS (CC BY-NC-SA 4.0): "
                + "not for commercial use");
        description.put("note", "not trained on Aff-Wild2; train your own with 'affect4j train' if you hold that corpus");
        return new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, config.name(), description, visual,
                audio, config.visualWeight(), config.audioWeight(), config.smoothingSeconds(), otherThreshold));
    }

    /** What the branches are, in a few words ("a face perceptron and a voice softmax regression"). */
    static String summary(LateFusionModel.Visual visual, LateFusionModel.Audio audio) {
        List<String> parts = new ArrayList<>();
        if (visual != null) parts.add("a face " + kind(visual.head()));
        if (audio != null) {
            parts.add("a voice " + (audio.encoder() == null ? "softmax regression" : transformers(audio.encoder().nets().size())));
        }
        return String.join(" and ", parts);
    }

    /** An encoder of {@code n} members, in words ("Transformer", "mean of 3 Transformers"). */
    static String transformers(int n) {
        return n == 1 ? "Transformer" : "mean of " + n + " Transformers";
    }

    private static String kind(org.affect4j.predict.model.Head h) {
        if (h instanceof org.affect4j.predict.model.MeanHead m) {
            return "mean of " + m.members().size() + " " + kind(m.members().get(0)) + "s";
        }
        return h instanceof org.affect4j.predict.model.LinearHead ? "softmax regression" : "perceptron";
    }

    // ---------------------------------------------------------------- face branch (FER2013)

    private LateFusionModel.Visual buildVisual(Map<String, String> description) throws IOException {
        RecipeConfig.Visual v = config.visual();
        RecipeConfig.Faces faces = config.data().faces();
        FaceBranch.Result r = new FaceBranch(v, faces, require(data.resolve(faces.folder())), work, config.threads(), config.precision(),
                config.smoothingSeconds(), log).build();
        log.accept("face branch: " + r.figure());
        description.put("face branch", r.what());
        description.put("face branch, measured", r.figure());
        description.put("Other", "said when no basic class reaches probability " + r.otherThreshold() + "; " + r.otherFigure());
        otherThreshold = r.otherThreshold();
        return new LateFusionModel.Visual(v.features(), r.head(), v.mirrorStills(), v.stillMinScore());
    }

    // ---------------------------------------------------------------- voice branch (RAVDESS)

    /** One recording of the voice branch's validation or test actors, kept in memory for the predict-path score. */
    private record AudioFile(String name, int label, Map<String, FeatureMatrix> features, double rate) {
    }

    private LateFusionModel.Audio buildAudio(Map<String, String> description) throws IOException {
        RecipeConfig.Audio a = config.audio();
        RecipeConfig.Voices voices = config.data().voices();
        Path rav = require(data.resolve(voices.folder()));
        String corpus = Path.of(voices.folder()).getFileName().toString();
        List<String> names = new ArrayList<>(a.features());
        if (a.gate() != null) names.add(a.gate());
        List<Voice> voicesFound = extractVoices(a, rav, corpus, names);
        if (a.encoder() != null) {
            return new VoiceEncoderTraining(a, work, config.threads(), config.precision(), log, names).build(voicesFound, description,
                    (branch, files, csv) -> perFile(branch, files.stream().map(v -> audioFile(v.name(), v.label(), names)).toList(), csv));
        }
        LateFusionModel.Audio shape = audioBranch(a, null);
        LabelledRows train = new LabelledRows(), fit = new LabelledRows(), all = new LabelledRows();
        List<AudioFile> val = new ArrayList<>(), test = new ArrayList<>(), valPerturbed = new ArrayList<>();
        for (Voice v : voicesFound) {
            switch (v.role()) {
                case TEST -> {
                    test.add(audioFile(v.name(), v.label(), names));
                    if (a.shipAllActors()) windows(v.name(), v.label(), shape, a.hopSeconds(), new LabelledRows[] {all});
                }
                case VALIDATION -> {
                    val.add(audioFile(v.name(), v.label(), names));
                    windows(v.name(), v.label(), shape, a.hopSeconds(), new LabelledRows[] {fit, all});
                }
                case PERTURBED_VALIDATION -> valPerturbed.add(audioFile(v.name(), v.label(), names));
                case TRAIN -> windows(v.name(), v.label(), shape, a.hopSeconds(), new LabelledRows[] {train, fit, all});
                case VALIDATION_COPY -> windows(v.name(), v.label(), shape, a.hopSeconds(), new LabelledRows[] {fit});
                case TRAIN_COPY -> windows(v.name(), v.label(), shape, a.hopSeconds(), new LabelledRows[] {train, fit});
            }
        }
        log.accept("voice rows: " + train.size() + " training windows (" + a.augmentCopies() + " perturbed copies per"
                + " recording), " + val.size() + " validation recordings, " + fit.size() + " windows for the final fit");
        int[] classes = presentClasses(fit.labels());
        double bestL2 = Double.NaN;
        Evaluation bestVal = null;
        SoftmaxRegression bestTrain = null;
        for (double l2 : a.l2()) {
            SoftmaxRegression m = new SoftmaxRegressionTrainer(l2, a.balanced(), ITERATIONS)
                    .fit(train.features(), compact(train.labels(), classes), classes.length);
            Evaluation e = perFile(audioBranch(a, LinearHead.of(m, classes)), val);
            log.accept(String.format("voice L2 %.0e: validation actors %s per-file macro-F1 %.3f, accuracy %.3f", l2,
                    a.validationActors(), e.macroF1OverGoldClasses(), e.accuracy()));
            if (bestVal == null || e.macroF1OverGoldClasses() > bestVal.macroF1OverGoldClasses()) {
                bestVal = e;
                bestL2 = l2;
                bestTrain = m;
            }
        }
        SoftmaxRegression model = new SoftmaxRegressionTrainer(bestL2, a.balanced(), ITERATIONS)
                .fit(fit.features(), compact(fit.labels(), classes), classes.length);
        LateFusionModel.Audio branch = audioBranch(a, LinearHead.of(model, classes));
        String robustness = "";
        if (!valPerturbed.isEmpty()) {
            Evaluation clean = perFile(audioBranch(a, LinearHead.of(bestTrain, classes)), val);
            Evaluation noisy = perFile(audioBranch(a, LinearHead.of(bestTrain, classes)), valPerturbed);
            robustness = String.format("; robustness check, linear head trained on actors %s: validation per-file macro-F1 %.3f clean, %.3f on %d perturbed copies (speed, gain, reverberation, band limits, noise)",
                    range(a.trainActors(), a.validationActors()), clean.macroF1OverGoldClasses(), noisy.macroF1OverGoldClasses(), valPerturbed.size());
            log.accept("voice" + robustness);
        }
        String chosen = String.format("L2 %.0e chosen on actors %s, trained on actors %s: validation per-file macro-F1 %.3f",
                bestL2, a.validationActors(), range(a.trainActors(), a.validationActors()),
                bestVal.macroF1OverGoldClasses()) + robustness;
        String figure;
        if (test.isEmpty()) {
            figure = "no test actors in this recipe (" + chosen + ")";
        } else {
            Evaluation t = perFile(branch, test, work.root().resolve("voice-test-labels.csv"));
            figure = String.format("RAVDESS unseen actors %s (%d recordings, each through the predict path, label = its "
                            + "most frequent frame label): macro-F1 %.3f over its 7 classes, accuracy %.3f (%s)",
                    a.testActors(), t.frames(), t.macroF1OverGoldClasses(), t.accuracy(), chosen);
        }
        log.accept("voice branch: " + figure);
        String trainedOn = String.valueOf(a.trainActors());
        if (a.shipAllActors() && !test.isEmpty()) {
            // the figure above is of this recipe trained without the test actors; what ships has heard them all
            branch = audioBranch(a, LinearHead.of(new SoftmaxRegressionTrainer(bestL2, a.balanced(), ITERATIONS)
                    .fit(all.features(), compact(all.labels(), classes), classes.length), classes));
            trainedOn = "[" + Math.min(a.trainActors().get(0), a.testActors().get(0)) + ", "
                    + Math.max(a.trainActors().get(1), a.testActors().get(1)) + "] (" + all.size()
                    + " windows; the figure is of the same recipe trained on " + a.trainActors() + ")";
            log.accept("voice branch: shipped head refitted on actors " + trainedOn);
        }
        description.put("voice branch", "softmax regression on " + String.join(", ", shape.functionalsOrDefault())
                + " of (" + a.normalise() + "-normalised per recording) " + String.join(" + ", a.features()) + " over "
                + 2 * a.halfWindowSeconds() + " s windows of speech"
                + (a.gate() == null ? "" : " (" + a.gate() + " >= " + a.gateThreshold() + ")")
                + ", trained on RAVDESS actors " + trainedOn
                + (a.augmentCopies() > 0 ? " and " + a.augmentCopies() + " perturbed copies of each recording ("
                + (a.augmentSpeedGainOnly() ? "speed and gain" : "speed, gain, reverberation, band limits, noise") + ")" : ""));
        description.put("voice branch, measured", figure);
        return branch;
    }

    /** What a recording is to the voice branch. */
    enum Role { TRAIN, VALIDATION, TEST, TRAIN_COPY, VALIDATION_COPY, PERTURBED_VALIDATION }

    /**
     * One recording (or perturbed copy) in the work store.
     *
     * @param name  its name in the work store
     * @param label ABAW class
     * @param role  what it is used for
     */
    record Voice(String name, int label, Role role) {
    }

    /**
     * Extracts every recording of the recipe's actors, and the perturbed copies it asks for, into the work store
     * (skipped when already there), in the corpus list's order: each recording, then its perturbed validation copies,
     * then its training copies.
     */
    private List<Voice> extractVoices(RecipeConfig.Audio a, Path rav, String corpus, List<String> names) throws IOException {
        RecipeConfig.Voices voices = config.data().voices();
        List<String[]> labels = voiceRows(rav.resolve(voices.labels()), voices);
        String augTag = (a.augmentSpeedGainOnly() ? "speedgain" : "") + a.augmentSeed();
        Path augmented = work.root().resolve("augmented").resolve(corpus + "-seed" + augTag);
        List<Voice> out = new ArrayList<>();
        try (VideoExtraction x = new VideoExtraction(work, ExtractionOptions.builder(names).track("main")
                .threads(config.threads()).build())) {
            int done = 0;
            for (String[] row : labels) {
                String file = row[0];
                int actor = Integer.parseInt(row[1]);
                int label = Integer.parseInt(row[2]);
                boolean isTest = in(actor, a.testActors()), isTrain = in(actor, a.trainActors());
                if (!isTest && !isTrain) continue;
                String name = corpus + "-" + withoutExtension(file);
                x.extract(new MediaInput(name, MediaInput.Kind.AUDIO, rav.resolve(file)), ExtractionListener.NONE);
                if (++done % 200 == 0) log.accept("voice features: " + done + " utterances");
                if (isTest) {
                    out.add(new Voice(name, label, Role.TEST));
                    continue;
                }
                boolean isVal = in(actor, a.validationActors());
                out.add(new Voice(name, label, isVal ? Role.VALIDATION : Role.TRAIN));
                if (isVal) {
                    List<Path> pv = AudioAugmentation.copies(rav.resolve(file), a.perturbedValidationCopies(),
                            a.augmentSeed(), true, work.root().resolve("augmented").resolve(corpus + "-seed" + a.augmentSeed()));
                    for (int k = 0; k < pv.size(); k++) {
                        String pn = name + "-aug" + a.augmentSeed() + "-" + k;
                        x.extract(new MediaInput(pn, MediaInput.Kind.AUDIO, pv.get(k)), ExtractionListener.NONE);
                        out.add(new Voice(pn, label, Role.PERTURBED_VALIDATION));
                    }
                }
                List<Path> copies = AudioAugmentation.copies(rav.resolve(file), a.augmentCopies(), a.augmentSeed(),
                        !a.augmentSpeedGainOnly(), augmented);
                for (int k = 0; k < copies.size(); k++) {
                    String aug = name + "-aug" + augTag + "-" + k;
                    x.extract(new MediaInput(aug, MediaInput.Kind.AUDIO, copies.get(k)), ExtractionListener.NONE);
                    out.add(new Voice(aug, label, isVal ? Role.VALIDATION_COPY : Role.TRAIN_COPY));
                }
            }
        }
        return out;
    }

    private static LateFusionModel.Audio audioBranch(RecipeConfig.Audio a, LinearHead head) {
        return new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(), a.halfWindowSeconds(),
                a.normalise(), head, a.functionals() == null ? WindowStats.MEAN_STD : a.functionals(),
                a.span() == null ? "speech" : a.span(), null);
    }

    private static String range(List<Integer> train, List<Integer> val) {
        if (train == null || val == null || train.size() != 2 || val.size() != 2) return String.valueOf(train);
        if (val.get(0).equals(train.get(0))) return "[" + (val.get(1) + 1) + ", " + train.get(1) + "]";
        if (val.get(1).equals(train.get(1))) return "[" + train.get(0) + ", " + (val.get(0) - 1) + "]";
        return train + " without " + val;
    }

    private AudioFile audioFile(String name, int label, List<String> names) {
        return new AudioFile(name, label, read(names, name), work.video(name).orElseThrow().fps());
    }

    /**
     * Scores recordings the way a user meets the model: the rows of each go through {@link LateFusionModel#predict}
     * (an audio-only model with this recipe's fusion weight and smoothing, the call {@code Predictor} makes), and the
     * recording's label is its most frequent frame label ({@link #majority}).
     */
    private Evaluation perFile(LateFusionModel.Audio branch, List<AudioFile> files) {
        return perFile(branch, files, null);
    }

    /** As {@link #perFile(LateFusionModel.Audio, List)}, also writing {@code name,gold,predicted} per file to {@code csv}. */
    private Evaluation perFile(LateFusionModel.Audio branch, List<AudioFile> files, Path csv) {
        LateFusionModel m = new LateFusionModel(new LateFusionModel.Spec(LateFusionModel.FORMAT, "candidate", Map.of(),
                null, branch, config.visualWeight(), config.audioWeight(), config.smoothingSeconds(), otherThreshold));
        int[] g = new int[files.size()], p = new int[files.size()];
        for (int i = 0; i < g.length; i++) {
            AudioFile f = files.get(i);
            g[i] = f.label();
            // what predict reports, ties to the lowest index; a recording with no labelled frame is a miss (Other is never gold)
            int label = Dominant.of(m.predict(f.features(), f.rate())).label();
            p[i] = label < 0 ? ExprClass.OTHER.ordinal() : label;
        }
        if (csv != null) {
            StringBuilder b = new StringBuilder("file,gold,predicted\n");
            for (int i = 0; i < g.length; i++) b.append(files.get(i).name()).append(',').append(g[i]).append(',').append(p[i]).append('\n');
            org.affect4j.util.AtomicFiles.writeString(csv, b.toString());
            log.accept("voice: per-file test labels written to " + csv);
        }
        return Evaluator.evaluate(g, p);
    }

    /** Windows of one utterance, every {@code hop} seconds, on the rows the branch predicts, as examples of its label. */
    private void windows(String name, int label, LateFusionModel.Audio shape, double hopSeconds, LabelledRows[] targets) {
        Map<String, FeatureMatrix> f = read(shape.gate() == null ? shape.features() : concatNames(shape.features(), shape.gate()), name);
        double rate = work.video(name).orElseThrow().fps();
        FeatureMatrix x = FeatureRows.concat(f, shape.features());
        boolean[] gate = FeatureRows.gate(f.get(shape.gate()), shape.gateThreshold());
        FeatureMatrix stats = LateFusionModel.audioInputs(x, gate, rate, shape);
        boolean[] rows = LateFusionModel.audioRows(stats, gate, shape);
        int hop = Math.max(1, (int) Math.round(hopSeconds * rate));
        for (int i = 0; i < stats.rows(); i += hop) {
            if (rows[i]) {
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

    /** The recordings' list: per line, the configured file, actor and label columns, in that order. */
    static List<String[]> voiceRows(Path csv, RecipeConfig.Voices v) throws IOException {
        List<String> lines = Files.readAllLines(require(csv));
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(","));
        int[] at = new int[3];
        List<String> columns = List.of(v.fileColumn(), v.actorColumn(), v.labelColumn());
        for (int c = 0; c < 3; c++) {
            at[c] = header.indexOf(columns.get(c));
            if (at[c] < 0) {
                throw new IllegalArgumentException(csv + " has no column '" + columns.get(c) + "' (it has " + header
                        + "); set data.voices in the recipe");
            }
        }
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (l.isBlank()) continue;
            String[] f = l.split(",");
            out.add(new String[] {f[at[0]], f[at[1]], f[at[2]]});
        }
        return out;
    }

    private static String withoutExtension(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
