package org.affect4j.models.bench;

import org.affect4j.eval.Evaluation;
import org.affect4j.eval.EvaluationReport;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.EpochMetrics;
import org.affect4j.training.LabelledItems;
import org.affect4j.training.RunPredictor;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Real training: RAVDESS utterances as sequences of audio frames, speaker-independent split (train actors 1-16,
 * test 17-20), both temporal models. Usage (from the repository root):
 * <pre>
 * affect4j-models/bench/run.sh org.affect4j.models.bench.RavdessTraining WORKDIR [lstm] [transformer]
 * </pre>
 * Prints per-epoch metrics and the final frame-level scores (macro-F1 over 8 classes as the challenge defines it,
 * and over the 7 classes RAVDESS has).
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
        RavdessStore.build(ravdess, work, List.of("fbank", "egemaps"));
        for (String model : models) {
            Path config = work.resolve(model + ".yaml");
            Files.writeString(config, config(model));
            Path run = work.resolve("run-" + model);
            long t0 = System.nanoTime();
            boolean finished = Files.isRegularFile(run.resolve("run.json"))
                    && Files.readString(run.resolve("run.json")).matches("(?s).*\"status\"\\s*:\\s*\"finished\".*");
            if (!finished) {
                Training.run(config, run, new TrainingListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        System.out.printf(Locale.ROOT, "%s epoch %d: loss %.4f val-loss %.4f macro-F1 %.4f acc %.4f (%.0f s)%n",
                                model, m.epoch(), m.trainLoss(), m.validationLoss(), m.macroF1(), m.accuracy(), m.seconds());
                    }
                }, new Training.Options(true, 0));
            }
            try (RunPredictor p = RunPredictor.load(run)) {
                FeatureStore store = new FeatureStore(work.resolve("store"));
                for (int window : new int[] {0, 25, 150}) {
                    Evaluation e = p.smoothing(window).evaluate(store, LabelledItems.read(work.resolve("test.csv")));
                    System.out.printf(Locale.ROOT, "%s %s, smoothing %d: frame macro-F1 (8 classes) %.4f,"
                                    + " over the 7 RAVDESS classes %.4f, accuracy %.4f, %.0f s%n", model,
                            p.checkpoint().getFileName(), window,
                            e.macroF1(), e.macroF1() * 8 / 7, e.accuracy(), (System.nanoTime() - t0) / 1e9);
                    if (window == 0) System.out.print(EvaluationReport.table(e));
                }
            }
        }
    }

    /** The experiment files used for RESULTS.md. */
    static String config(String model) {
        // small sizes: the shared 2-core machine allows minutes, not hours (the paper's sizes are the defaults)
        String encoder = model.equals("lstm") ? "{hidden: 128, layers: 1}"
                : "{width: 128, layers: 2, heads: 4, feedForward: 256}";
        return "name: ravdess-" + model + "\n"
                + "seed: 42\n"
                + "data: {store: store, train: train.csv, validation: test.csv}\n"
                + "features: [fbank, egemaps]\n"
                + "model:\n"
                + "  type: " + model + "\n"
                + "  segmentLength: 128\n"
                + "  fusionDim: 128\n"
                + "  dropout: 0.3\n"
                + "  head: [128, 64]\n"
                + "  encoder: " + encoder + "\n"
                + "training: {epochs: 8, batchSize: 16, learningRate: 1.0e-3, weightDecay: 1.0e-5, lrStepEpochs: 6,"
                + " lrGamma: 0.1, clipNorm: 5.0, rdropAlpha: 5.0, featureMaskProbability: 0.1}\n";
    }
}
