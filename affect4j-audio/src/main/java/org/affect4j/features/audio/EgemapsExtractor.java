package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature {@code egemaps}: the 25 eGeMAPS v02 low-level descriptors ({@link EgemapsLlds}) every 10 ms on the
 * {@link AudioFrames} grid. Rows are invalid only where the input held non-finite samples. Thread-safe.
 */
public final class EgemapsExtractor extends LldExtractor {
    private final EgemapsLlds llds = new EgemapsLlds();

    @Override
    public String id() { return "egemaps"; }

    @Override
    public int dimension() { return EgemapsLlds.DIM; }

    @Override
    public FeatureMatrix extract(float[] samples, SignalLevel whole) {
        return toMatrix(llds.compute(samples, whole));
    }

    /** The descriptors as a matrix (shared with {@link EgemapsFunctionals}, which needs the raw result too). */
    static FeatureMatrix toMatrix(EgemapsLlds.Result r) {
        float[] out = new float[r.rows() * EgemapsLlds.DIM];
        for (int i = 0; i < r.rows(); i++) {
            for (int j = 0; j < EgemapsLlds.DIM; j++) out[i * EgemapsLlds.DIM + j] = (float) r.lld()[i][j];
        }
        return new FeatureMatrix(r.rows(), EgemapsLlds.DIM, out, r.valid());
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("extractor", getClass().getName());
        p.put("definition", "eGeMAPS v02 LLDs, Eyben et al. 2016 (IEEE TAC 7(2)); see EgemapsLlds javadoc for deviations");
        p.put("columns", String.join(",", EgemapsLlds.NAMES));
        p.put("frame", "10 ms hop, row i centred at 12.5 ms + 10 ms * i");
        return p;
    }
}
