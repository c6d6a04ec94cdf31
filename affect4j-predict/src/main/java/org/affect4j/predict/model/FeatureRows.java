package org.affect4j.predict.model;

import org.affect4j.store.FeatureMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A model's input rows: the named features joined per frame, and the speech rows of a voice-activity stream. */
public final class FeatureRows {
    private FeatureRows() {
    }

    /**
     * Speech rows of a 1-column voice-activity stream.
     *
     * @param vad       the voice-activity stream, or null
     * @param threshold the speech probability from which a row is speech
     * @return per row, whether it is speech; null when {@code vad} is
     */
    public static boolean[] gate(FeatureMatrix vad, double threshold) {
        if (vad == null) return null;
        boolean[] g = new boolean[vad.rows()];
        for (int i = 0; i < g.length; i++) g[i] = vad.isValid(i) && vad.get(i, 0) >= threshold;
        return g;
    }

    /**
     * Concatenates the named features row by row; a row is valid when all parts are. Returns null when any part
     * is missing from the map (that modality is absent for this input).
     *
     * @param features rows by feature name
     * @param names    the features to join, in order
     * @return the joined rows, or null
     */
    public static FeatureMatrix concat(Map<String, FeatureMatrix> features, List<String> names) {
        List<FeatureMatrix> parts = new ArrayList<>();
        for (String nm : names) {
            FeatureMatrix m = features.get(nm);
            if (m == null) return null;
            parts.add(m);
        }
        if (parts.size() == 1) return parts.get(0);
        int n = parts.get(0).rows(), d = parts.stream().mapToInt(FeatureMatrix::dim).sum();
        float[] out = new float[n * d];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            valid[i] = true;
            int off = 0;
            for (FeatureMatrix m : parts) {
                System.arraycopy(m.data(), i * m.dim(), out, i * d + off, m.dim());
                off += m.dim();
                valid[i] &= m.isValid(i);
            }
        }
        return new FeatureMatrix(n, d, out, valid);
    }
}
