package org.affect4j.features.visual.tfjs;

import java.util.Arrays;

/**
 * One weight tensor of a TensorFlow.js model, dequantised: float values in {@code floats}, or integer values (for
 * {@code int32} weights such as reduction axes) in {@code ints}; exactly one of them is non-null.
 *
 * @param name   weight name from the manifest, e.g. {@code dense0/conv0/filters}
 * @param shape  TensorFlow shape (filters are {@code [kh, kw, in, out]})
 * @param floats float32 values in row-major order, or null
 * @param ints   int32 values in row-major order, or null
 */
public record TfjsTensor(String name, int[] shape, float[] floats, int[] ints) {
    /** Number of elements implied by the shape. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The float values; throws if this is an integer tensor. */
    public float[] requireFloats() {
        if (floats == null) {
            throw new IllegalArgumentException("weight " + name + " is integer, expected float");
        }
        return floats;
    }

    /** The integer values; throws if this is a float tensor. */
    public int[] requireInts() {
        if (ints == null) {
            throw new IllegalArgumentException("weight " + name + " is float, expected int32");
        }
        return ints;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
