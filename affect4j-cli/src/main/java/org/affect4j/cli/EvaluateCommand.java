package org.affect4j.cli;

import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionFormat;
import org.affect4j.data.PredictionWriter;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.EvaluationReport;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.models.Precision;
import org.affect4j.inference.RunPredictor;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j evaluate}: per-frame predictions of a trained run, scored against labelled items. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Predict every frame of labelled items with a trained run and score them (macro-F1 over the 8 "
                + "classes pooled over all annotated frames, per-class F1, accuracy, confusion matrix).",
                "By default the run's own store and validation list are used. With --pred the per-frame "
                        + "probabilities are written as <video>.txt into a prediction folder, which score, ensemble "
                        + "and submit read with the same option."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run directory written by train.")
    Path run;

    @Option(names = "--store", paramLabel = "DIR", description = "Feature store (default: the run's).")
    Path store;

    @Option(names = "--items", paramLabel = "CSV|DIR",
            description = "Labelled items: CSV name,label or a folder of annotation files (default: the run's validation list).")
    Path items;

    @Option(names = "--smoothing", paramLabel = "FRAMES", defaultValue = "0",
            description = "Box-filter the probabilities over this many frames before taking labels (0 = off).")
    int smooth;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--pred", paramLabel = "DIR",
            description = "Also write per-frame probabilities into this prediction folder, one file per video.")
    Path predDir;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckpointChoice choice = checkpoints.choice(spec);
        Precision arithmetic = precision.value(spec);
        try (RunPredictor predictor = choice.open(run)) {
            PrecisionOption.apply(predictor, arithmetic, spec);
            if (choice.averaged()) {
                spec.commandLine().getErr().println("averaged checkpoint: " + predictor.checkpoint());
                spec.commandLine().getErr().flush();
            }
            predictor.smoothing(smooth);
            FeatureStore fs = new FeatureStore(store != null ? store : Path.of(predictor.config().data().store()));
            List<LabelledItem> list = LabelledItems.read(items != null ? items : Path.of(predictor.config().data().validation()));
            if (list.isEmpty()) throw new IllegalArgumentException("the item list is empty: nothing to evaluate");
            List<FramePredictions> predictions = predictor.predict(fs, list.stream().map(LabelledItem::video).toList());
            if (predDir != null) {
                for (int i = 0; i < list.size(); i++) {
                    PredictionWriter.write(predDir.resolve(list.get(i).video() + PredictionFormat.EXTENSION), predictions.get(i));
                }
            }
            Evaluation evaluation = RunPredictor.score(list, predictions);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? EvaluationReport.json(evaluation) + System.lineSeparator() : EvaluationReport.table(evaluation));
            out.flush();
        }
        return 0;
    }
}
