package org.affect4j.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The axes of an ablation: each axis is an experiment key and its values, written {@code KEY=V1,V2,...}. The key
 * {@code features} takes feature sets joined with {@code +} ({@code features=fbank,fbank+faceres}); {@code model}
 * is short for {@code model.type}; any other dotted key of the experiment file works too
 * ({@code training.rdropAlpha=0,5}). The cells are the Cartesian product of the axes, first axis slowest.
 */
public final class AblationGrid {
    private final Map<String, List<String>> axes;

    private AblationGrid(Map<String, List<String>> axes) {
        this.axes = axes;
    }

    /**
     * Parses {@code KEY=V1,V2} specs (one per axis).
     *
     * @throws IllegalArgumentException for a malformed spec, an empty value or a repeated key
     */
    public static AblationGrid parse(List<String> specs) {
        if (specs.isEmpty()) throw new IllegalArgumentException("an ablation needs at least one --grid KEY=V1,V2,...");
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("grid axis '" + spec + "' is not KEY=V1,V2,... (e.g. features=fbank,fbank+faceres)");
            }
            String key = spec.substring(0, eq).strip();
            if (key.equals("model")) key = "model.type";
            List<String> values = Arrays.stream(spec.substring(eq + 1).split(",", -1)).map(String::strip).toList();
            if (values.stream().anyMatch(String::isEmpty)) throw new IllegalArgumentException("grid axis '" + spec + "' has an empty value");
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("grid axis '" + spec + "' repeats a value");
            }
            if (axes.put(key, values) != null) throw new IllegalArgumentException("grid axis '" + key + "' is given twice");
        }
        return new AblationGrid(axes);
    }

    /** Column names of the results table: the axis keys ({@code model.type} shown as {@code model}). */
    public List<String> columns() {
        return axes.keySet().stream().map(k -> k.equals("model.type") ? "model" : k).toList();
    }

    /** One cell: the value of each axis, in axis order. */
    public record Cell(List<String> values) {
        /** A folder-safe id, e.g. {@code fbank+faceres_lstm}. */
        public String id() {
            return String.join("_", values).replaceAll("[^A-Za-z0-9._+-]", "-");
        }
    }

    /** Every cell, first axis slowest. */
    public List<Cell> cells() {
        List<List<String>> acc = new ArrayList<>(List.of(List.of()));
        for (List<String> vals : axes.values()) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : acc) {
                for (String v : vals) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add(v);
                    next.add(c);
                }
            }
            acc = next;
        }
        return acc.stream().map(Cell::new).toList();
    }

    /** The base experiment with a cell's values applied. */
    public ExperimentFile apply(ExperimentFile base, Cell cell) {
        ExperimentFile f = base.copy();
        List<String> keys = new ArrayList<>(axes.keySet());
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i), v = cell.values().get(i);
            f.set(k, k.equals("features") ? List.of(v.split("\\+")) : v);
        }
        return f.name(base.name() + "-" + cell.id());
    }
}
