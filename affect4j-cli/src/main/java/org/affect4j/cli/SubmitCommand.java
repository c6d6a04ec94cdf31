package org.affect4j.cli;

import org.affect4j.data.DataFormatException;
import org.affect4j.submission.ExpectedVideos;
import org.affect4j.submission.SubmissionProblem;
import org.affect4j.submission.SubmissionValidator;
import org.affect4j.submission.SubmissionWriter;
import org.affect4j.submission.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code affect4j submit}: write an ABAW EXPR submission, or validate one. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Write an ABAW EXPR challenge submission from a prediction directory, or validate one.",
                "Write:    submit --pred DIR --out DIR [--frames LIST | --gold DIR]",
                "Validate: submit --validate DIR (--frames LIST | --gold DIR)",
                "A submission has one file <name>.txt per video with the header image_location,Neutral,...,Other and one "
                        + "row <name>/<NNNNN>.jpg,<label> for every frame, including frames without a face.",
                "LIST is a text file with one line <name>,<frames> per video (optional header name,frames). --gold takes "
                        + "the names and frame counts from annotation files instead.",
                "Validation prints every problem found (stdout) and exits with 3 if there is any."})
final class SubmitCommand implements Callable<Integer> {
    @Option(names = "--pred", paramLabel = "DIR", description = "Prediction directory to convert (any prediction format).")
    Path pred;

    @Option(names = "--out", paramLabel = "DIR", description = "Submission directory to write (created if missing).")
    Path out;

    @Option(names = "--validate", paramLabel = "DIR", description = "Submission directory to check instead of writing one.")
    Path validate;

    @Option(names = "--frames", paramLabel = "LIST", description = "Expected videos and frame counts: lines <name>,<frames>.")
    Path frames;

    @Option(names = "--gold", paramLabel = "DIR", description = "Expected videos and frame counts from annotation files <name>.txt.")
    Path gold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkOptions();
        ExpectedVideos expected = frames != null ? ExpectedVideos.readList(frames)
                : gold != null ? ExpectedVideos.fromGold(gold) : null;
        return validate != null ? validate(expected) : write(expected);
    }

    private int write(ExpectedVideos expected) {
        SubmissionWriter.Result result = SubmissionWriter.writeAll(pred, out, expected);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + result.written().size() + " submission files to " + out);
        o.flush();
        if (!result.skipped().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("affect4j: note: " + result.skipped().size() + " prediction files are not among the expected videos "
                    + "and were not submitted: " + Listing.abbreviate(result.skipped()));
            err.flush();
        }
        return 0;
    }

    private int validate(ExpectedVideos expected) {
        ValidationReport report = SubmissionValidator.validate(validate, expected);
        PrintWriter o = spec.commandLine().getOut();
        for (SubmissionProblem p : report.problems()) o.println(p);
        if (report.ok()) o.println("submission " + validate + " is valid: " + report.videosChecked() + " videos, every frame labelled");
        o.flush();
        if (!report.ok()) {
            throw new DataFormatException(validate, "invalid submission: " + report.problems().size()
                    + " problems (listed on stdout)");
        }
        return 0;
    }

    /** The two modes and their options; violations are usage errors (exit 2). */
    private void checkOptions() {
        if (frames != null && gold != null) {
            throw new ParameterException(spec.commandLine(), "give either --frames or --gold, not both");
        }
        if (validate != null) {
            if (pred != null || out != null) {
                throw new ParameterException(spec.commandLine(), "--validate checks an existing submission; it takes no --pred or --out");
            }
            if (frames == null && gold == null) {
                throw new ParameterException(spec.commandLine(), "--validate needs the expected videos: --frames LIST or --gold DIR");
            }
        } else if (pred == null || out == null) {
            throw new ParameterException(spec.commandLine(), "give --pred DIR and --out DIR to write a submission, or --validate DIR to check one");
        }
    }
}
