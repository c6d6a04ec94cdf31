package org.affect4j.cli;

import org.affect4j.experiments.Ablation;
import org.affect4j.experiments.AblationGrid;
import org.affect4j.experiments.ExperimentFile;
import org.affect4j.jobs.TaskRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j ablate}: cross-validates a grid of feature sets and models and tabulates validation macro-F1. */
@Command(name = "ablate", mixinStandardHelpOptions = true,
        description = {"Run an ablation grid: every combination of the --grid axes is cross-validated like 'cv' "
                + "(FOLDS-1 training folds by video plus the validation set). Writes OUT/ablation.csv, OUT/ablation.md "
                + "(feature set, model, validation macro-F1 per fold, mean, std) and OUT/ablation.png (bar chart).",
                "Example: --grid features=fbank,faceres,fbank+faceres --grid model=lstm,transformer. Any experiment key "
                        + "may be an axis (training.rdropAlpha=0,5). Reruns resume; failed models are listed and exit 1."})
final class AblateCommand implements Callable<Integer> {
    @Option(names = "--grid", required = true, paramLabel = "KEY=V1,V2", description = "One axis of the grid; repeat for more axes. "
            + "features takes sets joined with '+'; model is model.type.")
    List<String> grid;

    @picocli.CommandLine.Mixin
    FoldOptions fold;

    @picocli.CommandLine.Mixin
    SparkMixin sparkOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        AblationGrid g;
        try {
            g = AblationGrid.parse(grid);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ExperimentFile base = fold.base(spec);
        Path out = fold.out;
        try (TaskRunner runner = sparkOptions.open("affect4j ablate")) {
            Ablation.Result r = new Ablation(base, g, fold.folds, out).run(runner);
            spec.commandLine().getOut().print(r.table().markdown());
            spec.commandLine().getOut().println("chart: " + out.resolve("ablation.png"));
            spec.commandLine().getOut().flush();
            return CvCommand.report(r.report(), spec);
        }
    }
}
