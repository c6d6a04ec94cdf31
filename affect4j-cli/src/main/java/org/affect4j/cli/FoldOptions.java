package org.affect4j.cli;

import java.nio.file.Path;
import org.affect4j.experiments.ExperimentFile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code cv} and {@code ablate} share: the base experiment, folds, checkpoint averaging, output folder. */
final class FoldOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Base experiment file (YAML or JSON).")
    Path config;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
            description = "Folds per model, the validation set included (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--average", paramLabel = "K", description = "Every fold model predicts (and is scored) with the "
            + "parameter average of its last K epochs instead of its best epoch; the runs keep those K checkpoints. "
            + "Overrides the config's ensemble.average; 0 = off.")
    Integer average;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Experiment folder.")
    Path out;

    /** The base experiment with {@code --average} applied, after checking the numbers (usage errors). */
    ExperimentFile base(CommandLine.Model.CommandSpec spec) {
        if (folds < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be at least 2, got " + folds);
        if (average != null && average < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--average must be >= 0 (0 = off), got " + average);
        }
        ExperimentFile base = ExperimentFile.load(config);
        return average == null ? base : base.ensemble(base.ensemble().withAverage(average));
    }
}
