package org.affect4j.models;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The arithmetic of a network's matrix products, spelt {@code float32}, {@code bfloat16} and {@code int8} wherever a
 * user names it (a config's {@code training.precision}, {@code evaluate --precision}).
 */
public enum Precision {
    /** Float32 throughout: the network's answers to float rounding. */
    FLOAT32,
    /**
     * Matrix products with bfloat16 inputs and float32 sums (PyTorch's {@code float32_matmul_precision("medium")}:
     * the CPU's AMX units through oneDNN), everything else float32: approximate. On a CPU without AMX the products
     * stay float32 ({@link TorchMatmul#hardware()}).
     */
    BFLOAT16,
    /** Dense maps as 8-bit integer products (ONNX Runtime's dynamic quantisation), the rest float32: approximate. */
    INT8;

    /** The user-facing name: {@code float32}, {@code bfloat16} or {@code int8}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every user-facing name. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Precision::id).toList();
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
        throw new IllegalArgumentException("unknown precision '" + id + "'; choose one of " + String.join(", ", ids()));
    }
}
