package org.affect4j.store;

import java.util.Map;

/**
 * What a stored feature is: written once per feature as {@code <store>/<name>/feature.json}.
 *
 * @param name             feature name as used in configs ({@code faceres}, {@code fbank}, ...)
 * @param dim              values per row
 * @param rate             rows per second when fixed (e.g. 100 for native audio hops); {@code 0} when rows follow
 *                         each video's own frame rate (see {@link VideoInfo})
 * @param extractor        the extractor's id or class
 * @param extractorVersion version of the extractor (model file hash, code version)
 * @param provenance       free-form details: model file SHA-256, input size, normalisation, ...
 */
public record FeatureDescriptor(String name, int dim, double rate, String extractor, String extractorVersion,
                                Map<String, String> provenance) {
    public FeatureDescriptor {
        FeatureStore.checkName(name, "feature name");
        if (dim <= 0) throw new IllegalArgumentException("feature '" + name + "' must have a positive dimension, got " + dim);
        if (rate < 0) throw new IllegalArgumentException("feature '" + name + "' has a negative rate " + rate);
        provenance = provenance == null ? Map.of() : sorted(provenance);
    }

    /**
     * An unmodifiable copy in key order: {@code feature.json} is then the same text for the same feature run after run
     * ({@link Map#copyOf}'s order changes from one JVM to the next), so stores compare with {@code diff}.
     */
    private static Map<String, String> sorted(Map<String, String> provenance) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        provenance.forEach((k, v) -> m.put(java.util.Objects.requireNonNull(k, "provenance key"),
                java.util.Objects.requireNonNull(v, () -> "provenance value of " + k)));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Provenance keys that say where something lies, not what is computed (a model file's path differs per machine). */
    public static final java.util.Set<String> LOCATION_KEYS = java.util.Set.of("model");

    /**
     * What differs between this descriptor and {@code other} in what the rows mean: the dimension, rate, extractor
     * and version, and every provenance value both record ({@link #LOCATION_KEYS} aside). A key only one of them
     * records is not a difference: an older affect4j recorded less. Empty when rows of the two can share a store.
     */
    public java.util.List<String> differences(FeatureDescriptor other) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (dim != other.dim) out.add("dim " + dim + " vs " + other.dim);
        if (rate != other.rate) out.add("rate " + rate + " vs " + other.rate);
        if (!extractor.equals(other.extractor)) out.add("extractor " + extractor + " vs " + other.extractor);
        if (!java.util.Objects.equals(extractorVersion, other.extractorVersion)) {
            out.add("extractorVersion " + extractorVersion + " vs " + other.extractorVersion);
        }
        for (var e : new java.util.TreeMap<>(provenance).entrySet()) {
            String theirs = other.provenance.get(e.getKey());
            if (theirs != null && !LOCATION_KEYS.contains(e.getKey()) && !theirs.equals(e.getValue())) {
                out.add(e.getKey() + " " + e.getValue() + " vs " + theirs);
            }
        }
        return out;
    }

    /** This descriptor with the provenance keys only {@code other} records added (what a newer affect4j also records). */
    public FeatureDescriptor mergedWith(FeatureDescriptor other) {
        Map<String, String> p = new java.util.LinkedHashMap<>(other.provenance);
        p.putAll(provenance);
        return new FeatureDescriptor(name, dim, rate, extractor, extractorVersion, p);
    }

    /** True when rows are video frames (row i = frame i of the video). */
    public boolean videoAligned() {
        return rate == 0;
    }
}
