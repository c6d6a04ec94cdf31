package org.affect4j.submission;

import java.util.List;

/**
 * The outcome of validating a submission: every problem found, in file then line order. Immutable.
 *
 * @param videosChecked expected videos looked at
 * @param problems      the problems reported (per file at most {@link SubmissionValidator#MAX_PROBLEMS_PER_FILE}
 *                      row problems, then one line counting the rest)
 */
public record ValidationReport(int videosChecked, List<SubmissionProblem> problems) {
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** Whether the submission is valid. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
