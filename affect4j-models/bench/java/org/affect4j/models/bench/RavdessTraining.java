package org.affect4j.models.bench;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.ensemble.ProbabilityAverage;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.EvaluationReport;
import org.affect4j.inference.RunPredictor;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real training: RAVDESS utterances as sequences of audio frames, speaker-independent: train actors 1-12, validation
 * actors 13-16 (epoch selection: the best checkpoint is the one with the best validation macro-F1), test actors
 * 17-20, touched only for the final scores. Usage (from the repository root):
 * <pre>
 * [RUN_TAG=-x] [SIZE=256] [EPOCHS=20] [LR_STEP=15] [LR=1.0e-3] [BATCH=16] [RDROP=0] [STANDARDISE=true] [EVAL_ONLY=1] \
 * [TRAIN=train.csv] [FEATURES=fbank,egemaps] [KEEP=0] [AVERAGE=0] \
 * affect4j-models/bench/run.sh org.affect4j.models.bench.RavdessTraining WORKDIR [lstm] [transformer]
 * </pre>
 * Prints per-epoch metrics and, for the best and the last checkpoint, the test scores: frame-level macro-F1 over 8
 * classes as the challenge defines it and over the 7 classes RAVDESS has (raw, and with 25- and 150-frame box
 * smoothing), and utterance-level macro-F1 (the mean of the frame probabilities of each utterance).
 * {@code TRAIN=train.csv} trains on actors 1-16 (the issue's split) for a number of epochs fixed beforehand on a
 * 1-12 run; its validation figures are then on seen actors and only its last checkpoint means anything.
 */
public final class RavdessTraining {
    private RavdessTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/affect4j-ravdess");
        List<String> models = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("lstm", "transformer");
        Path ravdess = Path.of(System.getProperty("affect4j.data", "../shared/data")).resolve("ravdess");
        if (!Files.isRegularFile(ravdess.resolve("labels.csv"))) {
            System.err.println("RAVDESS not found at " + ravdess + "; set -Daffect4j.data");
            return;
        }
        List<String> features = List.of(env("FEATURES", "fbank,egemaps").split(","));
        RavdessStore.build(ravdess, work, features);
        splitTrainingActors(work);
        if (!env("ENSEMBLE", "").isEmpty()) {
            ensemble(work, env("ENSEMBLE", ""), new FeatureStore(work.resolve("store")), LabelledItems.read(work.resolve("test.csv")));
            return;
        }
        String tag = env("RUN_TAG", "");
        for (String model : models) {
            Path config = work.resolve(model + tag + ".yaml");
            Files.writeString(config, config(model));
            Path run = work.resolve("run-" + model + tag);
            long t0 = System.nanoTime();
            boolean finished = Files.isRegularFile(run.resolve("run.json"))
                    && Files.readString(run.resolve("run.json")).matches("(?s).*\"status\"\\s*:\\s*\"finished\".*");
            if (!finished && !env("EVAL_ONLY", "").equals("1")) {
                Training.run(config, run, new TrainingListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        System.out.printf(Locale.ROOT, "%s epoch %d: loss %.4f val-loss %.4f val macro-F1 %.4f acc %.4f (%.0f s)%n",
                                model, m.epoch(), m.trainLoss(), m.validationLoss(), m.macroF1(), m.accuracy(), m.seconds());
                    }
                }, new Training.Options(true, 0));
            }
            FeatureStore store = new FeatureStore(work.resolve("store"));
            List<LabelledItem> test = LabelledItems.read(work.resolve("test.csv"));
            int average = Integer.parseInt(env("AVERAGE", "0"));
            for (boolean last : average > 0 ? new boolean[] {true} : new boolean[] {false, true}) {
                try (RunPredictor p = average > 0 ? RunPredictor.loadAveraged(run, average) : RunPredictor.load(run, last)) {
                    String which = (last ? "last " : "best-on-val ") + p.checkpoint().getFileName();
                    for (int window : new int[] {0, 25, 150}) {
                        Evaluation e = p.smoothing(window).evaluate(store, test);
                        System.out.printf(Locale.ROOT, "%s %s, test actors 17-20, smoothing %d: frame macro-F1 (8) %.4f,"
                                        + " (7) %.4f, accuracy %.4f, %.0f s%n", model, which, window,
                                e.macroF1(), macro7(e), e.accuracy(), (System.nanoTime() - t0) / 1e9);
                        if (window == 0 && !last) System.out.print(EvaluationReport.table(e));
                    }
                    List<FramePredictions> frames = p.smoothing(0).predict(store, test.stream().map(LabelledItem::video).toList());
                    Evaluation u = utterances(test, frames);
                    System.out.printf(Locale.ROOT, "%s %s, test actors 17-20, utterance (mean probability): macro-F1 (8) %.4f,"
                            + " (7) %.4f, accuracy %.4f%n", model, which, u.macroF1(), macro7(u), u.accuracy());
                    if (!last) System.out.print(EvaluationReport.table(u));
                }
            }
        }
    }

    /**
     * ENSEMBLE=run-a,run-b@last,...: the mean of the members' frame probabilities (best-on-validation checkpoint, or
     * the last one with {@code @last}), scored on the test actors per frame and per utterance.
     */
    static void ensemble(Path work, String members, FeatureStore store, List<LabelledItem> test) throws Exception {
        List<String> videos = test.stream().map(LabelledItem::video).toList();
        List<List<FramePredictions>> perMember = new ArrayList<>();
        for (String m : members.split(",")) {
            boolean last = m.endsWith("@last");
            try (RunPredictor p = RunPredictor.load(work.resolve(m.replace("@last", "")), last)) {
                perMember.add(p.smoothing(0).predict(store, videos));
            }
        }
        List<FramePredictions> mean = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            int k = i;
            mean.add(new ProbabilityAverage().combine(perMember.stream().map(l -> l.get(k)).toList()));
        }
        Evaluation f = RunPredictor.score(test, mean);
        Evaluation u = utterances(test, mean);
        System.out.printf(Locale.ROOT, "ensemble %s, test actors 17-20: frame macro-F1 (8) %.4f, (7) %.4f, accuracy %.4f;"
                + " utterance macro-F1 (8) %.4f, (7) %.4f, accuracy %.4f%n", members, f.macroF1(), macro7(f), f.accuracy(),
                u.macroF1(), macro7(u), u.accuracy());
        System.out.print(EvaluationReport.table(u));
    }

    /** Utterance level: the mean of the frame probabilities over each utterance, one decision per utterance. */
    static Evaluation utterances(List<LabelledItem> test, List<FramePredictions> frames) {
        List<FramePredictions> pooled = new ArrayList<>();
        List<LabelledItem> items = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            FramePredictions f = frames.get(i);
            double[] mean = new double[ExprClass.COUNT];
            for (int t = 0; t < f.frames(); t++) {
                for (int c = 0; c < mean.length; c++) mean[c] += f.probability(t, c) / f.frames();
            }
            pooled.add(FramePredictions.ofProbabilities(new double[][] {mean}));
            items.add(LabelledItem.uniform(test.get(i).video(), test.get(i).labelsFor(1)[0]));
        }
        return RunPredictor.score(items, pooled);
    }

    /** Macro-F1 over the 7 classes RAVDESS has (all but "Other"). */
    static double macro7(Evaluation e) {
        double s = 0;
        for (int c = 0; c < ExprClass.COUNT; c++) {
            if (c != ExprClass.OTHER.ordinal()) s += e.perClassF1()[c];
        }
        return s / (ExprClass.COUNT - 1);
    }

    /** Writes train-1-12.csv and val-13-16.csv from train.csv (actor = last field of the name). */
    static void splitTrainingActors(Path work) throws java.io.IOException {
        StringBuilder train = new StringBuilder("name,label\n");
        StringBuilder val = new StringBuilder("name,label\n");
        List<String> lines = Files.readAllLines(work.resolve("train.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String name = line.split(",")[0];
            int actor = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
            (actor <= 12 ? train : val).append(line).append('\n');
        }
        Files.writeString(work.resolve("train-1-12.csv"), train);
        Files.writeString(work.resolve("val-13-16.csv"), val);
    }

    static String env(String k, String dflt) {
        String v = System.getenv(k);
        return v == null || v.isEmpty() ? dflt : v;
    }

    /** The experiment files used for RESULTS.md; sizes and schedule can be overridden by environment variables. */
    static String config(String model) {
        int size = Integer.parseInt(env("SIZE", "256"));
        String encoder = model.equals("lstm") ? "{hidden: " + size + ", layers: 1}"
                : "{width: " + size + ", layers: 2, heads: 4, feedForward: " + 2 * size + "}";
        return "name: ravdess-" + model + "\n"
                + "seed: 42\n"
                + "data: {store: store, train: " + env("TRAIN", "train-1-12.csv") + ", validation: val-13-16.csv, standardise: "
                + env("STANDARDISE", "true") + "}\n"
                + "features: [" + env("FEATURES", "fbank,egemaps").replace(",", ", ") + "]\n"
                + "model:\n"
                + "  type: " + model + "\n"
                + "  segmentLength: 128\n"
                + "  fusionDim: " + size + "\n"
                + "  dropout: 0.3\n"
                + "  head: [" + size + ", " + size / 2 + "]\n"
                + "  encoder: " + encoder + "\n"
                + "training: {epochs: " + env("EPOCHS", "20") + ", batchSize: " + env("BATCH", "16") + ", learningRate: " + env("LR", "1.0e-3")
                + ", weightDecay: 1.0e-5, lrStepEpochs: " + env("LR_STEP", "15") + ", lrGamma: 0.1, clipNorm: 5.0,"
                + " rdropAlpha: " + env("RDROP", "0") + ", featureMaskProbability: 0.1, keepCheckpoints: " + env("KEEP", "0") + "}\n";
    }
}
