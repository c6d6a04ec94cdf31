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
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    /** True when rows are video frames (row i = frame i of the video). */
    public boolean videoAligned() {
        return rate == 0;
    }
}
