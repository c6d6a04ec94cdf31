package org.affect4j.models.onnx;

import java.util.Arrays;
import java.util.Locale;

/** The arithmetic a network's graph runs in; spelt {@code float32} and {@code int8} wherever a user names it. */
public enum Precision {
    /** Float32 throughout: the trained network's answers to float rounding. */
    FLOAT32,
    /** Dense maps as 8-bit integer products (ONNX Runtime's dynamic quantisation), the rest float32: approximate. */
    INT8;

    /** The user-facing name: {@code float32} or {@code int8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a user-facing name.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Precision of(String id) {
        for (Precision p : values()) {
            if (p.id().equals(id)) return p;
        }
        throw new IllegalArgumentException("unknown precision '" + id + "'; choose one of "
                + String.join(", ", Arrays.stream(values()).map(Precision::id).toList()));
    }
}
