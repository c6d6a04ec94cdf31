package org.affect4j.cli;

import org.affect4j.ensemble.DirectoryEnsemble;
import org.affect4j.ensemble.EnsembleRule;
import org.affect4j.ensemble.MajorityVote;
import org.affect4j.ensemble.ProbabilityAverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j ensemble}: combine the per-frame predictions of several models. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Combine per-frame predictions of several models, video by video.",
                "vote: per-frame majority vote over labels (any prediction format); ties go to the model with the best "
                        + "--val-f1 (without it: the first --pred). Writes labels (annotation format).",
                "mean: per-frame mean of class probabilities (probabilities format only); the label is the arg-max. "
                        + "Writes probabilities.",
                "Every --pred directory must hold the same videos with the same frame counts."})
final class EnsembleCommand implements Callable<Integer> {
    /** The rules offered on the command line; lower-case constants because picocli matches values by name. */
    enum Rule { vote, mean }

    @Option(names = "--pred", required = true, paramLabel = "DIR",
            description = "A model's prediction directory; give it once per model (at least two).")
    List<Path> preds;

    @Option(names = "--rule", required = true, paramLabel = "RULE", description = "vote or mean.")
    Rule rule;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "One non-negative weight per --pred, comma-separated (default: equal). Votes count with these weights.")
    double[] weights;

    @Option(names = "--val-f1", split = ",", paramLabel = "F1",
            description = "Validation macro-F1 of each model, comma-separated, in --pred order (vote only): breaks ties.")
    double[] valF1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkOptions();
        EnsembleRule combiner = rule == Rule.mean ? new ProbabilityAverage()
                : valF1 == null ? new MajorityVote() : new MajorityVote(valF1);
        List<String> videos = new DirectoryEnsemble(combiner, weights).run(preds, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + videos.size() + " videos to " + out + " (" + combiner + " of " + preds.size() + " models)");
        o.flush();
        return 0;
    }

    /** Option combinations picocli cannot express; reported as usage errors (exit 2). */
    private void checkOptions() {
        if (preds.size() < 2) {
            throw new ParameterException(spec.commandLine(), "an ensemble needs at least two --pred directories");
        }
        if (weights != null && weights.length != preds.size()) {
            throw new ParameterException(spec.commandLine(), "--weights has " + weights.length + " values for " + preds.size() + " --pred directories");
        }
        if (valF1 != null && rule != Rule.vote) {
            throw new ParameterException(spec.commandLine(), "--val-f1 breaks ties of --rule vote; it has no meaning for --rule " + rule);
        }
        if (valF1 != null && valF1.length != preds.size()) {
            throw new ParameterException(spec.commandLine(), "--val-f1 has " + valF1.length + " values for " + preds.size() + " --pred directories");
        }
    }
}
