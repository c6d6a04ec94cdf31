package org.affect4j.predict.model;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * How a model file stores its weight matrices (the perceptron's layers, the Transformers' dense layers; biases,
 * norms and standardisation stay float32): {@code float32} as trained, or {@code int8} ({@link Int8Blocks}: a quarter
 * of the bytes, each weight within half a step of its block's grid, its block's largest magnitude / 127). A model is
 * rounded once, before it is measured, so the figures it reports are those of the numbers it ships.
 */
public enum WeightPrecision {
    /** As trained. */
    FLOAT32,
    /** 8-bit blocks of 32 weights with a float32 scale each. */
    INT8;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The precision a recipe or config names.
     *
     * @param name {@code float32} or {@code int8}; null is {@code float32}
     * @return the precision
     */
    public static WeightPrecision of(String name) {
        if (name == null) return FLOAT32;
        for (WeightPrecision w : values()) if (w.key().equals(name)) return w;
        throw new IllegalArgumentException("weightPrecision must be 'float32' or 'int8', got '" + name + "'");
    }

    /** The name a config uses. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A model part (a head, a network) with its weight matrices as this precision stores them.
     *
     * @param part the part
     * @param type its type as the model file reads it
     * @param <T>  the type
     * @return {@code part} itself for float32; an equal part whose weights are rounded to 8-bit blocks for int8
     */
    public <T> T apply(T part, Class<T> type) {
        if (this == FLOAT32) return part;
        try {
            return JSON.readValue(JSON.writer().withAttribute(Int8Blocks.ROUND, Boolean.TRUE).writeValueAsBytes(part), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
