package org.affect4j.features.audio;

import java.util.Arrays;

/** Input checks shared by the extractors: what to do with NaN, infinities and absurd amplitudes. */
final class Signals {
    private Signals() {
    }

    /** A signal made safe to analyse, plus the grid rows whose reference window touched a non-finite sample. */
    record Clean(float[] samples, boolean[] valid) {
    }

    /**
     * Replaces non-finite samples by 0 (so the maths stays finite) and marks every {@link AudioFrames} row whose
     * 25 ms window contained one as invalid. Samples beyond [-1, 1] (clipping or a wrong scale) are kept as they
     * are: the spectra stay finite and the energy floors keep the logs defined.
     */
    static Clean clean(float[] x, String who) {
        return clean(x, who, x == null ? 0 : AudioFrames.count(x.length), AudioFrames.WINDOW, AudioFrames.HOP);
    }

    /** As {@link #clean(float[], String)} for a grid of {@code rows} windows of {@code window} samples every {@code hop}. */
    static Clean clean(float[] x, String who, int rows, int window, int hop) {
        if (x == null) throw new IllegalArgumentException(who + ": samples must not be null");
        boolean[] valid = new boolean[rows];
        Arrays.fill(valid, true);
        float[] out = x;
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                if (out == x) out = x.clone();
                out[i] = 0f;
                // rows whose window [hop r, hop r + window) holds sample i
                int hi = Math.min(rows - 1, i / hop);
                int lo = Math.max(0, Math.floorDiv(i - window, hop) + 1);
                for (int r = lo; r <= hi; r++) valid[r] = false;
            }
        }
        return new Clean(out, valid);
    }

    /** Stops a NaN that slipped through from reaching the store: replaces it by {@code fallback}. */
    static float finite(double v, float fallback) {
        return Double.isFinite(v) ? (float) v : fallback;
    }
}
