package org.affect4j.spark;

import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subsets of labelled-item lists (the {@code name,label} CSVs an experiment's {@code data.train} and
 * {@code data.validation} name). Rows are copied as they are; checking labels is left to the training library,
 * which reads the written lists with file:line messages.
 */
public final class ItemLists {
    private ItemLists() {
    }

    /** The names in a CSV with a {@code name} column, in file order. */
    public static List<String> names(Path csv) {
        return new ArrayList<>(rows(csv).rows.keySet());
    }

    /**
     * Writes {@code out} atomically with the header of the first list and the rows of every list whose name is in
     * {@code keep}, in list order.
     *
     * @throws IllegalArgumentException if the lists' headers differ or a kept name is in none of them
     */
    public static void subset(List<Path> lists, Collection<String> keep, Path out) {
        String header = null;
        Map<String, String> all = new LinkedHashMap<>();
        for (Path p : lists) {
            Rows r = rows(p);
            if (header != null && !header.equals(r.header)) {
                throw new IllegalArgumentException(p + ": header '" + r.header + "' differs from '" + header + "'");
            }
            header = r.header;
            all.putAll(r.rows);
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        java.util.Set<String> wanted = new java.util.HashSet<>(keep);
        for (String n : wanted) {
            if (!all.containsKey(n)) throw new IllegalArgumentException("item '" + n + "' is in none of " + lists);
        }
        all.forEach((n, line) -> {
            if (wanted.contains(n)) sb.append(line).append('\n');
        });
        AtomicFiles.writeString(out, sb.toString());
    }

    private record Rows(String header, Map<String, String> rows) {
    }

    private static Rows rows(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty()) throw new IllegalArgumentException(csv + " is empty (expected a header with a 'name' column)");
            String header = lines.get(0).strip();
            int col = Arrays.asList(header.split(",")).indexOf("name");
            if (col < 0) throw new IllegalArgumentException(csv + ":1: no 'name' column in '" + header + "'");
            Map<String, String> rows = new LinkedHashMap<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) continue;
                String[] f = line.split(",", -1);
                if (f.length <= col) throw new IllegalArgumentException(csv + ":" + (i + 1) + ": no name in '" + line + "'");
                if (rows.put(f[col].strip(), line) != null) {
                    throw new IllegalArgumentException(csv + ":" + (i + 1) + ": item '" + f[col].strip() + "' is listed twice");
                }
            }
            return new Rows(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }
}
