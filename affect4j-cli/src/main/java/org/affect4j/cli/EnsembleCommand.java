package org.affect4j.cli;

import org.affect4j.ensemble.DirectoryEnsemble;
import org.affect4j.ensemble.EnsembleRule;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.experiments.ItemLists;
import org.affect4j.experiments.RunPredictions;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.models.Precision;
import org.affect4j.inference.RunPredictor;
import org.affect4j.store.FeatureStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j ensemble}: combine the per-frame predictions of several models. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Combine per-frame predictions of several models, video by video.",
                "vote: per-frame majority vote over labels (any prediction format); ties go to the model with the best "
                        + "--val-f1 (without it: the first member). Writes labels (annotation format).",
                "mean: per-frame mean of class probabilities (probabilities format only); the label is the arg-max. "
                        + "Writes probabilities.",
                "Members are --pred directories (in order), then --run runs (in order), which first predict --items with "
                        + "the chosen checkpoint into OUT/members/: RUN for the best epoch, RUN@last, RUN@epoch-0023 "
                        + "(an epoch the run kept; several of one run make an epoch ensemble), RUN@average-3 (the "
                        + "parameter average of its last 3 epochs, also --average 3 for every run without @).",
                "Every member must hold the same videos with the same frame counts."})
final class EnsembleCommand implements Callable<Integer> {
    /** The rules offered on the command line; lower-case constants because picocli matches values by name. */
    /** The rule names, for picocli's help and completion. */
    static final class RuleNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EnsembleRuleFactory.RULES.names().iterator();
        }
    }

    /** {@code name} when it names a rule (null passes); a usage error naming the nearest rule otherwise. */
    static String checkRule(String name, CommandSpec spec) {
        if (name == null) return null;
        try {
            return EnsembleRuleFactory.RULES.get(name).name();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Option(names = "--pred", paramLabel = "DIR", description = "A model's prediction directory; give it once per model.")
    List<Path> preds = new ArrayList<>();

    @Option(names = "--run", paramLabel = "RUN[@CHECKPOINT]",
            description = "A trained run that predicts --items: best epoch, or @last, @epoch-NNNN, @average-NNNN-NNNN (an averaged checkpoint), @average-K.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--average", paramLabel = "K", defaultValue = "0",
            description = "--run members without @CHECKPOINT predict with the average of their last K epochs (0 = best epoch).")
    int average;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--items", paramLabel = "CSV|DIR",
            description = "Store videos the --run members predict: a CSV with a 'name' column or an annotation folder "
                    + "(default: the first run's validation list).")
    Path items;

    @Option(names = "--rule", required = true, paramLabel = "RULE", completionCandidates = RuleNames.class,
            description = "${COMPLETION-CANDIDATES} (see 'affect4j list').")
    String rule;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            description = "One non-negative weight per member (--pred, then --run), comma-separated (default: equal). Votes count with these weights.")
    double[] weights;

    @Option(names = "--val-f1", split = ",", paramLabel = "F1",
            description = "Validation macro-F1 of each model, comma-separated, in member order (vote only): breaks ties.")
    double[] valF1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<CheckpointChoice> choices = checkOptions();
        Precision arithmetic = precision.value(spec);
        List<Path> members = new ArrayList<>(preds);
        members.addAll(predictRuns(choices, arithmetic));
        EnsembleRule combiner = EnsembleRuleFactory.RULES.get(rule).create(valF1);
        List<String> videos = new DirectoryEnsemble(combiner, weights).run(members, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + videos.size() + " videos to " + out + " (" + combiner + " of " + members.size() + " models)");
        o.flush();
        return 0;
    }

    /** Each run member predicts the items into OUT/members/NN-RUN-CHECKPOINT/; returns those folders, in --run order. */
    private List<Path> predictRuns(List<CheckpointChoice> choices, Precision arithmetic) {
        List<Path> dirs = new ArrayList<>();
        List<String> videos = null;
        for (int i = 0; i < runs.size(); i++) {
            Path run = runDir(runs.get(i));
            try (RunPredictor p = choices.get(i).open(run)) {
                PrecisionOption.apply(p, arithmetic, spec);
                if (videos == null) {
                    videos = ItemLists.names(items != null ? items : Path.of(p.config().data().validation()));
                    if (videos.isEmpty()) throw new IllegalArgumentException("no videos to predict for the --run members");
                }
                Path dir = out.resolve("members").resolve(String.format("%02d-%s-%s", preds.size() + i + 1,
                        run.toAbsolutePath().normalize().getFileName(), choices.get(i)));
                RunPredictions.write(p, new FeatureStore(Path.of(p.config().data().store())), videos, dir);
                dirs.add(dir);
            }
        }
        return dirs;
    }

    private static Path runDir(String member) {
        int at = member.lastIndexOf('@');
        return Path.of(at < 0 ? member : member.substring(0, at));
    }

    /** Option combinations picocli cannot express; reported as usage errors (exit 2). Returns each run's checkpoint. */
    private List<CheckpointChoice> checkOptions() {
        int n = preds.size() + runs.size();
        if (n < 2) {
            throw new ParameterException(spec.commandLine(), "an ensemble needs at least two members (--pred and --run, counted together)");
        }
        if (weights != null && weights.length != n) {
            throw new ParameterException(spec.commandLine(), "--weights has " + weights.length + " values for " + n + " members");
        }
        if (runs.isEmpty() && (items != null || average != 0)) {
            throw new ParameterException(spec.commandLine(), "--items and --average apply to --run members; there are none");
        }
        List<CheckpointChoice> choices = new ArrayList<>();
        try {
            for (String r : runs) {
                int at = r.lastIndexOf('@');
                choices.add(at >= 0 ? CheckpointChoice.parse(r.substring(at + 1)) : CheckpointChoice.of(false, average, null));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        rule = checkRule(rule, spec);
        if (valF1 != null && !EnsembleRuleFactory.RULES.get(rule).usesValidationF1()) {
            throw new ParameterException(spec.commandLine(), "--val-f1 has no meaning for --rule " + rule);
        }
        if (valF1 != null && valF1.length != n) {
            throw new ParameterException(spec.commandLine(), "--val-f1 has " + valF1.length + " values for " + n + " members");
        }
        return choices;
    }
}
