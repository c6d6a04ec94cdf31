package org.affect4j.cli;

import org.affect4j.eval.DirectoryScorer;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code affect4j score}: macro-F1 of a prediction directory against gold annotation files. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score per-frame predictions against Aff-Wild2 EXPR annotation files: macro-F1 over the 8 classes "
                + "pooled over all annotated frames of all videos (absent classes count 0), per-class F1, accuracy, "
                + "frames scored and the confusion matrix (rows gold).",
                "Every gold file <name>.txt needs a prediction file <name>.txt with as many rows, in the annotation "
                        + "format, the ABAW submission format or the probabilities format (told apart by the header). "
                        + "Prediction files without a gold file are not scored (noted on stderr)."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--gold", required = true, paramLabel = "DIR", description = "Directory of gold annotation files <name>.txt.")
    Path gold;

    @Option(names = "--pred", required = true, paramLabel = "DIR", description = "Directory of prediction files <name>.txt.")
    Path pred;

    @Option(names = "--json", description = "Print one JSON object (macro_f1, per_class_f1, accuracy, frames, confusion, ...) instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DirectoryScorer scorer = new DirectoryScorer(gold, pred);
        Evaluation evaluation = scorer.score();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? EvaluationReport.json(evaluation) + System.lineSeparator() : EvaluationReport.table(evaluation));
        out.flush();
        List<String> unscored = scorer.predictionsWithoutGold();
        if (!unscored.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("affect4j: note: " + unscored.size() + " prediction files have no gold file and were not scored: "
                    + Listing.abbreviate(unscored));
            err.flush();
        }
        return 0;
    }
}
