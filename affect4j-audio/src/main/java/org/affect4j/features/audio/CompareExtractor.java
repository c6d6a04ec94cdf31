package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feature {@code compare}: the 65 ComParE 2016 low-level descriptors ({@link CompareLlds}) followed by their 65
 * first-order deltas, 130 values every 10 ms on the {@link AudioFrames} grid. Deltas are openSMILE's regression
 * deltas over +-2 rows, {@code d_t = sum_k k (c_{t+k} - c_{t-k}) / (2 sum_k k^2)}, with edge rows repeated.
 * Thread-safe.
 */
public final class CompareExtractor extends LldExtractor {
    /** Values per row. */
    public static final int DIM = 2 * CompareLlds.DIM;
    private final CompareLlds llds = new CompareLlds();

    @Override
    public String id() { return "compare"; }

    @Override
    public int dimension() { return DIM; }

    @Override
    public FeatureMatrix extract(float[] samples, SignalLevel whole) {
        CompareLlds.Result r = llds.compute(samples, whole);
        double[][] d = r.lld();
        int rows = d.length;
        int n = CompareLlds.DIM;
        float[] out = new float[rows * DIM];
        for (int t = 0; t < rows; t++) {
            for (int j = 0; j < n; j++) {
                out[t * DIM + j] = (float) d[t][j];
                double num = 0;
                for (int k = 1; k <= 2; k++) {
                    num += k * (d[Math.min(rows - 1, t + k)][j] - d[Math.max(0, t - k)][j]);
                }
                out[t * DIM + n + j] = (float) (num / 10.0);
            }
        }
        return new FeatureMatrix(rows, DIM, out, r.valid());
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("extractor", getClass().getName());
        p.put("definition", "ComParE 2016 LLDs (Schuller et al. 2016) + regression deltas; see CompareLlds javadoc");
        p.put("columns", String.join(",", CompareLlds.NAMES) + ",<same>_de");
        p.put("frame", "10 ms hop, row i centred at 12.5 ms + 10 ms * i");
        return p;
    }
}
