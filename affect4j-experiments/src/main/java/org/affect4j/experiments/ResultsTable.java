package org.affect4j.experiments;

import org.affect4j.util.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A results table like the paper's ablation table: one row per {@link FoldScores} with its label columns, the
 * validation macro-F1 of every fold, the mean and the standard deviation. Written as CSV (machine) and Markdown
 * (README-ready). A fold that did not finish shows as empty (CSV) or {@code failed} (Markdown).
 */
public final class ResultsTable {
    private final List<String> labelColumns;
    private final List<FoldScores> rows;

    /**
     * @param labelColumns names of the label columns, e.g. {@code features, model}
     * @param rows         one per cross-validated configuration, each with as many labels as columns
     */
    public ResultsTable(List<String> labelColumns, List<FoldScores> rows) {
        for (FoldScores r : rows) {
            if (r.label().size() != labelColumns.size()) {
                throw new IllegalArgumentException("row " + r.label() + " does not fit the columns " + labelColumns);
            }
        }
        this.labelColumns = List.copyOf(labelColumns);
        this.rows = List.copyOf(rows);
    }

    private List<String> header() {
        List<String> h = new ArrayList<>(labelColumns);
        int folds = rows.stream().mapToInt(r -> r.perFold().size()).max().orElse(0);
        for (int i = 1; i <= folds; i++) h.add("fold " + i);
        h.add("mean");
        h.add("std");
        return h;
    }

    private static String num(double d, String missing) {
        return Double.isNaN(d) ? missing : String.format(Locale.ROOT, "%.4f", d);
    }

    private List<String> cells(FoldScores r, String missing) {
        List<String> c = new ArrayList<>(r.label());
        r.perFold().forEach(d -> c.add(num(d, missing)));
        c.add(num(r.mean(), missing));
        c.add(num(r.std(), missing));
        return c;
    }

    /** CSV text (label cells quoted when they hold a comma). */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", header())).append('\n');
        for (FoldScores r : rows) {
            sb.append(String.join(",", cells(r, "").stream()
                    .map(s -> s.contains(",") ? "\"" + s.replace("\"", "\"\"") + "\"" : s).toList())).append('\n');
        }
        return sb.toString();
    }

    /** Markdown text; the best mean is in bold. */
    public String markdown() {
        double best = rows.stream().mapToDouble(FoldScores::mean).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        List<String> h = header();
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", h)).append(" |\n|");
        for (int i = 0; i < h.size(); i++) sb.append(i < labelColumns.size() ? "---|" : "---:|");
        sb.append('\n');
        for (FoldScores r : rows) {
            List<String> c = cells(r, "failed");
            int meanCol = c.size() - 2;
            if (r.mean() == best) c.set(meanCol, "**" + c.get(meanCol) + "**");
            sb.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        return sb.toString();
    }

    /** Writes {@code base.csv} and {@code base.md} atomically. */
    public void write(Path dir, String base) {
        AtomicFiles.writeString(dir.resolve(base + ".csv"), csv());
        AtomicFiles.writeString(dir.resolve(base + ".md"), markdown());
    }

    /** The rows. */
    public List<FoldScores> rows() {
        return rows;
    }
}
