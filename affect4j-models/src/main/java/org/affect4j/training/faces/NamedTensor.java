package org.affect4j.training.faces;

import java.util.Arrays;

/**
 * A named float tensor in row-major order, e.g. a TensorFlow.js weight ({@code dense0/conv0/filters},
 * {@code [kh, kw, in, out]}).
 *
 * @param name   weight name
 * @param shape  dimensions
 * @param values {@code product(shape)} values, row-major
 */
public record NamedTensor(String name, int[] shape, float[] values) {
    public NamedTensor {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + values.length);
        }
        shape = shape.clone();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
