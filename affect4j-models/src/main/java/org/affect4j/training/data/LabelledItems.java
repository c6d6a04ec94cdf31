package org.affect4j.training.data;

import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads lists of labelled items, either
 * <ul>
 *   <li>a UTF-8 CSV with a header holding the columns {@code name} (a video of the feature store) and {@code label}
 *       (a class index 0..7 or a class name such as {@code Happiness}), other columns ignored; every frame of the
 *       video takes the label (utterances, images, acted clips); or</li>
 *   <li>a folder of Aff-Wild2 EXPR annotation files ({@code <video>.txt}, e.g. {@code Train_Set}), read with the
 *       foundation's {@link ExprAnnotations}; item {@code <video>} gets the per-frame labels.</li>
 * </ul>
 */
public final class LabelledItems {
    private LabelledItems() {
    }

    /** Reads a CSV file or an annotation folder (see the class comment). */
    public static List<LabelledItem> read(Path path) {
        if (!Files.isDirectory(path)) return readCsv(path);
        List<LabelledItem> items = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(path)) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted()::iterator) {
                String name = f.getFileName().toString();
                items.add(LabelledItem.perFrame(name.substring(0, name.length() - 4), ExprAnnotations.read(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
        return items;
    }

    /** Reads the CSV; errors name the file and line. Duplicate names are an error. */
    public static List<LabelledItem> readCsv(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("labelled-item list " + csv + " does not exist");
        }
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new IllegalArgumentException(csv + " is empty (expected a header 'name,label')");
            List<String> cols = Arrays.asList(header.trim().split(","));
            int nameCol = cols.indexOf("name");
            int labelCol = cols.indexOf("label");
            if (nameCol < 0 || labelCol < 0) {
                throw new IllegalArgumentException(csv + ":1: header must have columns 'name' and 'label', got '" + header + "'");
            }
            List<LabelledItem> items = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            String line;
            int no = 1;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length <= Math.max(nameCol, labelCol)) {
                    throw new IllegalArgumentException(csv + ":" + no + ": expected " + cols.size() + " columns, got '" + line + "'");
                }
                String name = f[nameCol].trim();
                if (!seen.add(name)) throw new IllegalArgumentException(csv + ":" + no + ": item '" + name + "' is listed twice");
                try {
                    items.add(LabelledItem.uniform(name, parseLabel(f[labelCol].trim())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(csv + ":" + no + ": " + e.getMessage(), e);
                }
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    private static int parseLabel(String s) {
        if (s.matches("-?\\d+")) {
            int v = Integer.parseInt(s);
            ExprClass.of(v);
            return v;
        }
        return ExprClass.byName(s).ordinal();
    }
}
