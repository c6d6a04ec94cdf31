package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant on tensors that carry gradients. DJL's {@code NDArray.mul(Number)} (and its kin) wraps
 * the number in a tensor over a Java direct buffer and closes it right after the operation, while autograd keeps
 * that tensor for the backward pass: once the garbage collector frees the buffer, the backward pass reads freed
 * memory, and a step's gradients come out scaled by garbage (NaN or infinite now and then: runs stopped at a step
 * that moved with the build). Here the constant lives in memory the engine owns, so autograd's reference keeps it.
 * Use these, never a {@code Number} overload, on anything a training step differentiates
 * ({@code GradientLifetimeTest}).
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x * c}, bit for bit as DJL's {@code x.mul(c)}. */
    public static NDArray times(NDArray x, float c) {
        try (NDArray constant = x.getManager().full(new Shape(), c, x.getDataType())) {
            return x.mul(constant);
        }
    }
}
