package org.affect4j.training;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A read-once view of one object of a configuration file that remembers which keys were read, so that every
 * typo is reported ({@link #finish()}), and whose errors name the full key path and the file.
 * Not thread-safe; used only while parsing.
 */
final class ConfigTree {
    private final JsonNode node;
    private final String path;
    private final String source;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigTree(JsonNode node, String path, String source) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new IllegalArgumentException(source + ": key '" + (path.isEmpty() ? "<root>" : path) + "' must be an object");
        }
        this.node = node;
        this.path = path;
        this.source = source;
    }

    String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    IllegalArgumentException error(String k, String expected, JsonNode got) {
        return new IllegalArgumentException(source + ": key '" + key(k) + "' must be " + expected
                + (got == null ? "" : ", got " + got));
    }

    private JsonNode value(String k) {
        read.add(k);
        if (node == null) return null;
        JsonNode v = node.get(k);
        return v == null || v.isNull() ? null : v;
    }

    /** Accepts key {@code k} unread: a section another reader of the same file owns. */
    void ignore(String k) {
        read.add(k);
    }

    boolean has(String k) {
        return node != null && node.has(k) && !node.get(k).isNull();
    }

    ConfigTree child(String k) {
        return new ConfigTree(value(k), key(k), source);
    }

    String string(String k, String dflt) {
        JsonNode v = value(k);
        if (v == null) {
            if (dflt == null) throw error(k, "given (a string)", null);
            return dflt;
        }
        if (!v.isTextual() || v.asText().isBlank()) throw error(k, "a non-empty string", v);
        return v.asText();
    }

    int integer(String k, int dflt, int min) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) throw error(k, "an integer >= " + min, v);
        return v.asInt();
    }

    long longValue(String k, long dflt) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error(k, "an integer", v);
        return v.asLong();
    }

    double number(String k, double dflt, double min, double max) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            throw error(k, "a number in [" + min + ", " + max + "]", v);
        }
        return v.asDouble();
    }

    boolean bool(String k, boolean dflt) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isBoolean()) throw error(k, "true or false", v);
        return v.asBoolean();
    }

    List<String> strings(String k) {
        JsonNode v = value(k);
        if (v == null) throw error(k, "given (a list of names)", null);
        List<String> out = new ArrayList<>();
        if (v.isTextual()) {
            out.add(v.asText());
        } else if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isTextual() || e.asText().isBlank()) throw error(k, "a list of names", v);
                out.add(e.asText());
            }
        } else {
            throw error(k, "a list of names", v);
        }
        if (out.isEmpty()) throw error(k, "a non-empty list", v);
        return out;
    }

    List<Integer> integers(String k, List<Integer> dflt, int min) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isArray()) throw error(k, "a list of integers >= " + min, v);
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isIntegralNumber() || e.asInt() < min) throw error(k, "a list of integers >= " + min, v);
            out.add(e.asInt());
        }
        return out;
    }

    List<Double> numbers(String k, int size, double min) {
        JsonNode v = value(k);
        if (v == null || (v.isArray() && v.isEmpty())) return List.of();
        if (!v.isArray() || v.size() != size) throw error(k, "a list of " + size + " numbers", v);
        List<Double> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isNumber() || e.asDouble() < min || !Double.isFinite(e.asDouble())) {
                throw error(k, "a list of " + size + " numbers >= " + min, v);
            }
            out.add(e.asDouble());
        }
        return out;
    }

    /** The raw node of a key (marked read), or null. */
    JsonNode raw(String k) {
        return value(k);
    }

    /** Throws on the first key that was never read: a typo or a key from another version. */
    void finish() {
        if (node == null) return;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown key '" + key(k) + "' (known keys here: "
                        + String.join(", ", read) + ")");
            }
        }
    }
}
