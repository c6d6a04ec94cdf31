package org.affect4j.cli;

import org.affect4j.experiments.CrossValidation;
import org.affect4j.experiments.ExperimentFile;
import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.TaskRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code affect4j cv}: k-fold cross-validation by video, fold ensemble for a test list, optional train+val mix. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = {"Cross-validate an experiment (METHOD §5): the training list is split into FOLDS-1 folds by video "
                + "(left/right files of a video together), the validation list is the last fold; one model per fold, "
                + "validated on its held-out fold. With --test the fold models predict those store videos and are "
                + "ensembled into OUT/ensemble/. --mix also trains one model on train + validation (OUT/mix/).",
                "Writes OUT/cv.csv and OUT/cv.md. Running the same command again resumes: finished models are skipped. "
                        + "Models that fail are listed on stderr and the exit code is 1; the others still finish."})
final class CvCommand implements Callable<Integer> {
    @Option(names = "--mix", description = "Also train one model on train + validation, for the final submission.")
    boolean mix;

    @Option(names = "--test", paramLabel = "CSV", description = "Store videos to predict and ensemble (a CSV with a 'name' column).")
    Path test;

    @Option(names = "--rule", paramLabel = "RULE", completionCandidates = EnsembleCommand.RuleNames.class,
            description = "How fold predictions are combined: ${COMPLETION-CANDIDATES} (see 'affect4j list'); default: "
                    + "the config's ensemble.rule, else vote (vote ties go to the best fold).")
    String rule;

    @picocli.CommandLine.Mixin
    FoldOptions fold;

    @picocli.CommandLine.Mixin
    SparkMixin sparkOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ExperimentFile base = fold.base(spec);
        Path out = fold.out;
        try (TaskRunner runner = sparkOptions.open("affect4j cv")) {
            CrossValidation cv = new CrossValidation(base, fold.folds, mix, out).testList(test)
                    .rule(EnsembleCommand.checkRule(rule, spec));
            CrossValidation.Result r = cv.run(runner);
            PrintWriter o = spec.commandLine().getOut();
            o.print(java.nio.file.Files.readString(out.resolve("cv.md")));
            int k = base.ensemble().average();
            if (r.ensemble() != null) {
                o.println("fold ensemble (" + cv.rule().name() + (k > 0 ? ", each model the average of its last " + k + " epochs" : "")
                        + "): " + r.ensemble());
            }
            o.flush();
            return report(r.report(), spec);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Prints the job summary on stderr and returns 0, or 1 when a model failed (shared with {@code ablate}). */
    static int report(JobReport report, CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("affect4j: " + report.format());
        err.flush();
        return report.ok() ? 0 : Affect4j.EXIT_FAILURE;
    }
}
