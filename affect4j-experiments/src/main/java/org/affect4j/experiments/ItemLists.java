package org.affect4j.experiments;

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
 * Subsets of labelled-item lists, in either form an experiment's {@code data.train} and {@code data.validation} may
 * take (the training library's {@code LabelledItems}): a {@code name,label} CSV, or a folder of Aff-Wild2 annotation
 * files {@code <name>.txt} (such as {@code Train_Set/}). Rows and files are copied as they are; checking labels is
 * left to the training library, which reads the written lists with file:line messages.
 */
public final class ItemLists {
    private ItemLists() {
    }

    /** The names in a CSV with a {@code name} column, in file order, or of an annotation folder's files, sorted. */
    public static List<String> names(Path list) {
        return new ArrayList<>(Files.isDirectory(list) ? annotationFiles(list).keySet() : rows(list).rows.keySet());
    }

    /**
     * Writes {@code out} atomically with the header of the first list and the rows of every list whose name is in
     * {@code keep}, in list order.
     *
     * When the lists are annotation folders, {@code out} is written as a folder instead, holding a copy of the
     * annotation file of every kept name (and nothing else).
     *
     * @throws IllegalArgumentException if the lists' headers differ, CSVs and folders are mixed, or a kept name is
     *                                  in none of them
     */
    public static void subset(List<Path> lists, Collection<String> keep, Path out) {
        long folders = lists.stream().filter(Files::isDirectory).count();
        if (folders == lists.size()) {
            subsetFolders(lists, keep, out);
            return;
        }
        if (folders > 0) {
            // a CSV gives one label per video, a folder one per frame: there is no common form to write them in
            throw new IllegalArgumentException("cannot combine annotation folders and CSV lists: " + lists);
        }
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

    /** Copies the kept annotation files into the folder {@code out}, removing any other annotation file there. */
    private static void subsetFolders(List<Path> folders, Collection<String> keep, Path out) {
        Map<String, Path> all = new LinkedHashMap<>();
        for (Path f : folders) all.putAll(annotationFiles(f));
        java.util.Set<String> wanted = new java.util.HashSet<>(keep);
        for (String n : wanted) {
            if (!all.containsKey(n)) throw new IllegalArgumentException("item '" + n + "' is in none of " + folders);
        }
        try {
            Files.createDirectories(out);
            // a rerun with another split must not leave the previous split's files behind
            for (String stale : annotationFiles(out).keySet()) {
                if (!wanted.contains(stale)) Files.delete(out.resolve(stale + ANNOTATION_EXTENSION));
            }
            for (String n : wanted) {
                AtomicFiles.writeString(out.resolve(n + ANNOTATION_EXTENSION), Files.readString(all.get(n), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static final String ANNOTATION_EXTENSION = ".txt";

    /** The annotation files {@code <name>.txt} of a folder, by name, sorted. */
    private static Map<String, Path> annotationFiles(Path folder) {
        Map<String, Path> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).forEach(f -> {
                String fn = f.getFileName().toString();
                if (fn.endsWith(ANNOTATION_EXTENSION)) files.put(fn.substring(0, fn.length() - ANNOTATION_EXTENSION.length()), f);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return files;
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
