package org.affect4j.jobs;

import java.util.List;
import java.util.Locale;

/**
 * The outcomes of one job, in item order, and its wall time.
 *
 * @param outcomes one per item, in the order the items were given
 * @param seconds  wall time of the whole job (scheduling included, runner start-up excluded)
 */
public record JobReport(List<Outcome> outcomes, double seconds) {
    public JobReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The failed items (empty when the job succeeded). */
    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }

    /** True when no item failed. */
    public boolean ok() {
        return failures().isEmpty();
    }

    /** How many items ended with {@code status}. */
    public long count(Outcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** One summary line, e.g. {@code 12 items: 9 done, 2 already done, 1 failed in 31.4 s}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d items: %d done, %d already done, %d failed in %.1f s", outcomes.size(),
                count(Outcome.Status.DONE), count(Outcome.Status.SKIPPED), count(Outcome.Status.FAILED), seconds);
    }

    /** The summary line, then one line per failure ({@code   failed: name: reason}). */
    public String format() {
        StringBuilder sb = new StringBuilder(summary());
        for (Outcome f : failures()) sb.append(System.lineSeparator()).append("  failed: ").append(f);
        return sb.toString();
    }
}
