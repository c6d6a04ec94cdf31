package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed sinusoidal positional encoding of Vaswani et al. (2017): for position {@code t} and channel pair
 * {@code i}, {@code PE[t, 2i] = sin(t / 10000^(2i/d))}, {@code PE[t, 2i+1] = cos(t / 10000^(2i/d))}.
 * Positions restart at 0 in every segment.
 */
public final class SinusoidalPositions {
    private SinusoidalPositions() {
    }

    /** The table {@code [length, width]} as a row-major float array (width must be even). */
    public static float[] table(int length, int width) {
        if (width % 2 != 0) {
            throw new IllegalArgumentException("sinusoidal positions need an even width, got " + width);
        }
        float[] pe = new float[length * width];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < width / 2; i++) {
                // computed in double then rounded once, as torch's float64-free recipe differs only below 1e-6
                double angle = t / Math.pow(10000.0, 2.0 * i / width);
                pe[t * width + 2 * i] = (float) Math.sin(angle);
                pe[t * width + 2 * i + 1] = (float) Math.cos(angle);
            }
        }
        return pe;
    }

    /** The table as an array {@code [1, length, width]} on {@code manager}, ready to broadcast over a batch. */
    public static NDArray create(NDManager manager, int length, int width) {
        return manager.create(table(length, width), new Shape(1, length, width));
    }
}
