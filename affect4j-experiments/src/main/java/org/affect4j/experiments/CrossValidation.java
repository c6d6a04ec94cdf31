package org.affect4j.experiments;

import org.affect4j.ensemble.DirectoryEnsemble;
import org.affect4j.ensemble.EnsembleRule;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.TaskRunner;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code cv}: k-fold cross-validation of one experiment (METHOD §5) and, given a test list, the fold ensemble for
 * the test set. Usage:
 * <pre>
 * try (TaskRunner runner = new LocalRunner()) {
 *     CrossValidation.Result r = new CrossValidation(ExperimentFile.load(cfg), 5, false, Path.of("cv"))
 *             .testList(test).rule("vote").run(runner);
 * }
 * </pre>
 * The base file's {@code ensemble} section ({@link ExperimentFile.Ensemble}) chooses the rule and checkpoint averaging.
 * Output folder: the {@link FoldPlan} files, {@code cv.csv} / {@code cv.md} (validation macro-F1 per fold, mean),
 * and with a test list {@code ensemble/<video>.txt} (the fold models combined) and {@code mix/test-predictions/}.
 * Rerunning the same command resumes: finished models are skipped.
 */
public final class CrossValidation {
    /** How the fold models' test predictions are combined. */
    /** A finished cross-validation: the job's report, the fold scores and the ensemble folder (null without a test list). */
    public record Result(JobReport report, FoldScores scores, Path ensemble) {
    }

    private final ExperimentFile base;
    private final int folds;
    private final boolean mix;
    private final Path out;
    private Path testList;
    private EnsembleRuleFactory rule;

    /**
     * @param base  the experiment to cross-validate
     * @param folds total folds, the validation set included (METHOD: 5)
     * @param mix   also train one model on train + validation
     * @param out   the experiment folder
     */
    public CrossValidation(ExperimentFile base, int folds, boolean mix, Path out) {
        this.base = base;
        this.folds = folds;
        this.mix = mix;
        this.out = out;
    }

    /** Predict this list of store videos (CSV with a {@code name} column) with every model and ensemble the folds. */
    public CrossValidation testList(Path list) {
        this.testList = list;
        return this;
    }

    /**
     * The ensemble rule by name ({@link EnsembleRuleFactory#RULES}); null (the default) takes the experiment file's
     * {@code ensemble.rule}, else {@code vote}.
     *
     * @throws IllegalArgumentException for an unknown rule
     */
    public CrossValidation rule(String name) {
        this.rule = name == null ? null : EnsembleRuleFactory.RULES.get(name);
        return this;
    }

    /** The rule in use. */
    public EnsembleRuleFactory rule() {
        return rule != null ? rule : EnsembleRuleFactory.RULES.get(base.ensemble().rule() != null ? base.ensemble().rule() : "vote");
    }

    /**
     * Plans, trains every model on {@code runner}, then scores and ensembles what finished. Failed models are in
     * the report; the ensemble is only built when every fold model finished (a partial ensemble would silently be a
     * different experiment).
     */
    public Result run(TaskRunner runner) {
        RemoteStores.checkReachable(base.config().data().store(), false);
        FoldPlan plan = FoldPlan.write(base, folds, mix, out);
        int threads = TaskRunner.threadsPerTask(runner);
        JobReport report = runner.run(plan.items("", testList, threads));
        FoldScores scores = FoldScores.of(List.of(base.name()), plan);
        new ResultsTable(List.of("experiment"), List.of(scores)).write(out, "cv");
        Path ensemble = null;
        if (testList != null && report.failures().stream().noneMatch(f -> f.name().startsWith("fold-"))) {
            ensemble = out.resolve("ensemble");
            List<Path> members = plan.folds().stream().map(FoldPlan.Fold::predictions).toList();
            new DirectoryEnsemble(combiner(scores), null).run(members, ensemble);
        }
        return new Result(report, scores, ensemble);
    }

    private EnsembleRule combiner(FoldScores scores) {
        return rule().create(scores.perFold().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
