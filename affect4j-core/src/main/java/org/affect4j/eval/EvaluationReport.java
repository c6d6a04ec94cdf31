package org.affect4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.affect4j.data.ExprClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link Evaluation} for people (a table) and for programs (JSON), with one set of key names for every
 * place that reports scores (the {@code score} command, training logs, {@code run.json}).
 *
 * <p>JSON keys: {@code macro_f1}, {@code accuracy}, {@code frames} (annotated frames scored), {@code videos},
 * {@code classes} (names in index order), {@code per_class_f1}, {@code per_class_precision},
 * {@code per_class_recall}, {@code per_class_support} (objects keyed by class name), {@code confusion}
 * ({@code [8][8]}, rows gold, columns predicted, in class index order).
 */
public final class EvaluationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {
    }

    /** The evaluation as an ordered map of JSON-ready values (numbers, strings, lists, maps). */
    public static Map<String, Object> toMap(Evaluation e) {
        List<String> names = ExprClass.names();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("macro_f1", e.macroF1());
        m.put("accuracy", e.accuracy());
        m.put("frames", e.frames());
        m.put("videos", e.videos());
        m.put("classes", names);
        Map<String, Double> f1 = new LinkedHashMap<>();
        Map<String, Double> precision = new LinkedHashMap<>();
        Map<String, Double> recall = new LinkedHashMap<>();
        Map<String, Long> support = new LinkedHashMap<>();
        for (int c = 0; c < ExprClass.COUNT; c++) {
            f1.put(names.get(c), e.f1(c));
            precision.put(names.get(c), e.precision(c));
            recall.put(names.get(c), e.recall(c));
            support.put(names.get(c), e.confusion().goldCount(c));
        }
        m.put("per_class_f1", f1);
        m.put("per_class_precision", precision);
        m.put("per_class_recall", recall);
        m.put("per_class_support", support);
        m.put("confusion", e.confusion().toArray());
        return m;
    }

    /** The evaluation as one pretty-printed JSON object. */
    public static String json(Evaluation e) {
        try {
            return JSON.writeValueAsString(toMap(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot render scores as JSON", ex); // only numbers and strings: a bug
        }
    }

    /** A plain-text report: headline scores, a per-class table and the confusion matrix. */
    public static String table(Evaluation e) {
        List<String> names = ExprClass.names();
        StringBuilder s = new StringBuilder();
        s.append(String.format("macro-F1  %.4f%n", e.macroF1()));
        s.append(String.format("accuracy  %.4f%n", e.accuracy()));
        s.append(String.format("frames    %d annotated frames in %d videos%n%n", e.frames(), e.videos()));
        s.append(String.format("%-10s %9s %9s %9s %9s%n", "class", "F1", "precision", "recall", "support"));
        for (int c = 0; c < ExprClass.COUNT; c++) {
            s.append(String.format("%-10s %9.4f %9.4f %9.4f %9d%n", names.get(c), e.f1(c), e.precision(c), e.recall(c),
                    e.confusion().goldCount(c)));
        }
        s.append(String.format("%nconfusion matrix (rows gold, columns predicted)%n%-10s", ""));
        for (String n : names) s.append(String.format(" %9.9s", n));
        s.append(String.format("%n"));
        for (int g = 0; g < ExprClass.COUNT; g++) {
            s.append(String.format("%-10s", names.get(g)));
            for (int p = 0; p < ExprClass.COUNT; p++) s.append(String.format(" %9d", e.confusion().count(g, p)));
            s.append(String.format("%n"));
        }
        return s.toString();
    }
}
