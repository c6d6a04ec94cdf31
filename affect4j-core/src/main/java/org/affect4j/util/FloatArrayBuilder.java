package org.affect4j.util;

import java.util.Arrays;

/** A growable float array (amortised doubling), for collecting samples or rows of unknown count. */
public final class FloatArrayBuilder {
    private float[] data;
    private int size;

    public FloatArrayBuilder(int initialCapacity) {
        data = new float[Math.max(16, initialCapacity)];
    }

    public void add(float[] values) {
        ensure(size + values.length);
        System.arraycopy(values, 0, data, size, values.length);
        size += values.length;
    }

    public void add(float v) {
        ensure(size + 1);
        data[size++] = v;
    }

    private void ensure(int capacity) {
        if (capacity > data.length) {
            data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
        }
    }

    public int size() {
        return size;
    }

    public float[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
