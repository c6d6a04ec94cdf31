package org.affect4j.util;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one strict reader of affect4j's configuration files (experiments, extractor configs, recipes): a read-once
 * view of one JSON/YAML object that remembers which keys were read, so that every typo is reported by
 * {@link #finish()} with the nearest known key ("did you mean"), and whose errors name the full key path and the
 * file. Every reader of a config file goes through it, so all of them fail the same way on the same mistakes.
 * Not thread-safe; used only while parsing.
 */
public final class ConfigReader {
    private final JsonNode node;
    private final String path;
    private final String source;
    private final Set<String> read = new LinkedHashSet<>();

    /** Reads the JSON file {@code file} as the root object of a config. */
    public static ConfigReader of(java.nio.file.Path file) {
        return new ConfigReader(tree(file, new com.fasterxml.jackson.databind.ObjectMapper(), "JSON"), "", file.toString());
    }

    /**
     * The root object of a config file read by {@code mapper} ({@code format} names its language in messages), with
     * the messages every config file gets: the file does not exist, is not valid JSON (or YAML), holds no object.
     */
    public static JsonNode tree(java.nio.file.Path file, com.fasterxml.jackson.databind.ObjectMapper mapper, String format) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        }
        JsonNode n;
        try {
            n = mapper.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid " + format + ": "
                    + e.getMessage().split("\n")[0], e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must hold an object at the top level");
        }
        return n;
    }

    /**
     * @param node   the object (null: empty, every key takes its default)
     * @param path   its key path in the file ("" for the root)
     * @param source the file, for messages
     */
    public ConfigReader(JsonNode node, String path, String source) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new IllegalArgumentException(source + ": key '" + (path.isEmpty() ? "<root>" : path) + "' must be an object");
        }
        this.node = node;
        this.path = path;
        this.source = source;
    }

    public String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    public IllegalArgumentException error(String k, String expected, JsonNode got) {
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
    public void ignore(String k) {
        read.add(k);
    }

    public boolean has(String k) {
        return node != null && node.has(k) && !node.get(k).isNull();
    }

    public ConfigReader child(String k) {
        return new ConfigReader(value(k), key(k), source);
    }

    /**
     * The object under {@code k} read by {@code read}, or null when the key is absent (a known key either way, so a
     * typo's message lists it).
     */
    public <T> T optional(String k, java.util.function.Function<ConfigReader, T> read) {
        if (!has(k)) {
            ignore(k);
            return null;
        }
        return read.apply(child(k));
    }

    public String string(String k, String dflt) {
        JsonNode v = value(k);
        if (v == null) {
            if (dflt == null) throw missing(k, "a string");
            return dflt;
        }
        if (!v.isTextual() || v.asText().isBlank()) throw error(k, "a non-empty string", v);
        return v.asText();
    }

    /** One of {@code allowed}, or {@code dflt} (may be null) when the key is absent. */
    public String oneOf(String k, String dflt, java.util.Collection<String> allowed) {
        String v = optionalString(k);
        if (v == null) return dflt;
        if (!allowed.contains(v)) throw error(k, "one of " + String.join(", ", allowed), raw(k));
        return v;
    }

    /** A non-empty string, or null when the key is absent. */
    public String optionalString(String k) {
        if (has(k)) return string(k, null);
        ignore(k); // known, but absent
        return null;
    }

    public int integer(String k, int dflt, int min) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) throw error(k, "an integer >= " + min, v);
        return v.asInt();
    }

    /** A required integer. */
    public int integer(String k, int min) {
        if (value(k) == null) throw missing(k, "an integer >= " + min);
        return integer(k, 0, min);
    }

    /**
     * A required key {@code k} is absent: says what it must be and, when a key of the object is a likely misspelling
     * of it, names that key (a typo of a required key would otherwise be reported as missing, not as the typo).
     */
    public IllegalArgumentException missing(String k, String expected) {
        List<String> others = new ArrayList<>();
        if (node != null) node.fieldNames().forEachRemaining(f -> {
            if (!f.equals(k)) others.add(f);
        });
        String near = nearest(k, others);
        return new IllegalArgumentException(source + ": key '" + key(k) + "' must be given (" + expected + ")"
                + (near == null ? "" : "; the file has '" + key(near) + "': a misspelling?"));
    }

    public long longValue(String k, long dflt) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error(k, "an integer", v);
        return v.asLong();
    }

    public double number(String k, double dflt, double min, double max) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            throw error(k, numberIn(min, max), v);
        }
        return v.asDouble();
    }

    /** What a number in [min, max] is called in messages; the largest double (or its negative) is no bound. */
    private static String numberIn(double min, double max) {
        boolean low = min > -Double.MAX_VALUE, high = max < Double.MAX_VALUE;
        if (min == Double.MIN_VALUE && !high) return "a number > 0";
        if (low && high) return "a number in [" + min + ", " + max + "]";
        if (low) return "a number >= " + min;
        return high ? "a number <= " + max : "a number";
    }

    /** A required number. */
    public double number(String k, double min, double max) {
        if (value(k) == null) throw missing(k, numberIn(min, max));
        return number(k, 0, min, max);
    }

    public boolean bool(String k, boolean dflt) {
        JsonNode v = value(k);
        if (v == null) return dflt;
        if (!v.isBoolean()) throw error(k, "true or false", v);
        return v.asBoolean();
    }

    public List<String> strings(String k) {
        JsonNode v = value(k);
        if (v == null) throw missing(k, "a list of names");
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

    public List<Integer> integers(String k, List<Integer> dflt, int min) {
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

    /** A list of numbers >= {@code min} of any length; empty when absent. */
    public List<Double> numbers(String k, double min) {
        JsonNode v = value(k);
        if (v == null) return List.of();
        if (!v.isArray()) throw error(k, "a list of numbers >= " + min, v);
        List<Double> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isNumber() || !Double.isFinite(e.asDouble()) || e.asDouble() < min) throw error(k, "a list of numbers >= " + min, v);
            out.add(e.asDouble());
        }
        return out;
    }

    public List<Double> numbers(String k, int size, double min) {
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
    public JsonNode raw(String k) {
        return value(k);
    }

    /** Throws on the first key that was never read: a typo or a key from another version. */
    public void finish() {
        if (node == null) return;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!read.contains(k)) {
                String near = nearest(k, read);
                throw new IllegalArgumentException(source + ": unknown key '" + key(k) + "'"
                        + (near == null ? "" : "; did you mean '" + near + "'?") + " (known keys here: "
                        + String.join(", ", read) + ")");
            }
        }
    }

    /** The keys of this object, in file order (for sections whose keys are names, such as a map of constants). */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        if (node != null) node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A required list of integers (a tensor shape, for example). */
    public long[] longs(String k) {
        JsonNode v = value(k);
        if (v == null || !v.isArray()) throw error(k, "a list of integers", v);
        long[] r = new long[v.size()];
        for (int i = 0; i < r.length; i++) {
            if (!v.get(i).isIntegralNumber()) throw error(k, "a list of integers", v);
            r[i] = v.get(i).asLong();
        }
        return r;
    }

    /** A required list of numbers. */
    public double[] doubles(String k) {
        JsonNode v = value(k);
        if (v == null || !v.isArray()) throw error(k, "a list of numbers", v);
        double[] r = new double[v.size()];
        for (int i = 0; i < r.length; i++) {
            if (!v.get(i).isNumber()) throw error(k, "a list of numbers", v);
            r[i] = v.get(i).asDouble();
        }
        return r;
    }

    /** Floats of a number or a list of numbers, or null when absent. */
    public float[] floats(String k) {
        JsonNode v = value(k);
        if (v == null) return null;
        if (v.isNumber()) return new float[] {(float) v.asDouble()};
        if (!v.isArray()) throw error(k, "a number or a list of numbers", v);
        float[] r = new float[v.size()];
        for (int i = 0; i < r.length; i++) {
            if (!v.get(i).isNumber()) throw error(k, "a number or a list of numbers", v);
            r[i] = (float) v.get(i).asDouble();
        }
        return r;
    }

    /**
     * The candidate closest to {@code word} by edit distance, if close enough to be a typo (at most a quarter of its
     * length, and at least one edit allowed), else null. Also used for command-line values.
     */
    public static String nearest(String word, java.util.Collection<String> candidates) {
        String best = null;
        int bestD = Math.max(1, word.length() / 4) + 1;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
