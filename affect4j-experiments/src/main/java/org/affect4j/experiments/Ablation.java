package org.affect4j.experiments;

import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.TaskRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ablate}: cross-validates every cell of an {@link AblationGrid} (feature sets, models, any setting) and
 * tabulates validation macro-F1 per fold and the mean, like the paper's ablation table. All cells' fold models
 * form one job, so Spark keeps every worker busy across cells.
 *
 * <p>Output folder: {@code cells/<cell>/fold-i/...} (as {@link FoldPlan}), {@code ablation.csv},
 * {@code ablation.md} and {@code ablation.png} (bar chart of the means with fold standard deviations). A cell whose
 * folds failed shows as failed in the table and the failures are in the returned report. Rerunning resumes.
 */
public final class Ablation {
    /** A finished ablation. */
    public record Result(JobReport report, ResultsTable table) {
    }

    private final ExperimentFile base;
    private final AblationGrid grid;
    private final int folds;
    private final Path out;

    /**
     * @param base  the experiment every cell starts from
     * @param grid  the axes
     * @param folds folds per cell, the validation set included
     * @param out   the ablation folder
     */
    public Ablation(ExperimentFile base, AblationGrid grid, int folds, Path out) {
        this.base = base;
        this.grid = grid;
        this.folds = folds;
        this.out = out;
    }

    /**
     * Plans every cell (all configs are validated first, before the data lists are read or anything trains), runs,
     * then writes table and chart.
     */
    public Result run(TaskRunner runner) {
        RemoteStores.checkReachable(base.config().data().store(), false);
        List<AblationGrid.Cell> cells = grid.cells();
        List<ExperimentFile> experiments = new ArrayList<>();
        for (AblationGrid.Cell c : cells) {
            ExperimentFile f = grid.apply(base, c);
            try {
                f.config();
            } catch (IllegalArgumentException e) { // a misspelt --grid key or a value the key does not take
                throw new IllegalArgumentException("ablation cell " + c.id() + ": " + e.getMessage(), e);
            }
            experiments.add(f);
        }
        List<FoldPlan> plans = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            plans.add(FoldPlan.write(experiments.get(i), folds, false, out.resolve("cells").resolve(cells.get(i).id())));
        }
        int threads = TaskRunner.threadsPerTask(runner);
        List<TrainingItem> items = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) items.addAll(plans.get(i).items(cells.get(i).id() + "/", null, threads));
        JobReport report = runner.run(items);
        List<FoldScores> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) rows.add(FoldScores.of(cells.get(i).values(), plans.get(i)));
        ResultsTable table = new ResultsTable(grid.columns(), rows);
        table.write(out, "ablation");
        ScoreChart.write("Ablation: " + base.name() + " (" + folds + "-fold validation macro-F1)", rows, out.resolve("ablation.png"));
        return new Result(report, table);
    }
}
