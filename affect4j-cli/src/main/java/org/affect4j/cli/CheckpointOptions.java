package org.affect4j.cli;

import org.affect4j.inference.CheckpointChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose which checkpoint of a training run predicts ({@code evaluate}, {@code predict}). */
final class CheckpointOptions {
    @Option(names = "--last", description = "Use the run's last checkpoint instead of its best one.")
    boolean last;

    @Option(names = "--average", paramLabel = "K", defaultValue = "0",
            description = "Average the parameters of the run's last K epoch checkpoints (written as "
                    + "checkpoints/average-<epochs>/) and use the average; the run must have kept them "
                    + "(training.keepCheckpoints >= K). 0 = off.")
    int average;

    @Option(names = "--checkpoint", paramLabel = "NAME",
            description = "Use this checkpoint of the run: best, last, an epoch the run kept (epoch-0007) or an average "
                    + "(average-0006-0007). Predictions of several epochs, combined with 'ensemble', make an epoch ensemble.")
    String checkpoint;

    /** The choice, or a usage error (exit 2) for conflicting or negative values. */
    CheckpointChoice choice(CommandSpec spec) {
        try {
            return CheckpointChoice.of(last, average, checkpoint);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
