package org.affect4j.models;

import org.affect4j.util.Registry;

import java.util.List;

/**
 * The registry of temporal model kinds: the built-in {@code lstm} and {@code transformer} and any other
 * {@link TemporalModelFactory} on the class path, all found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.affect4j.models.TemporalModelFactory}; see {@link Registry}). Thread-safe.
 */
public final class TemporalModels {
    private static final Registry<TemporalModelFactory> FACTORIES = Registry.load(TemporalModelFactory.class, "model type");

    private TemporalModels() {
    }

    /** The factory of {@code type}; the message names the nearest and the known types otherwise. */
    public static TemporalModelFactory factory(String type) {
        return FACTORIES.get(type);
    }

    /** Names of all known model types. */
    public static List<String> types() {
        return FACTORIES.names();
    }

    /** Every known model type. */
    public static java.util.Collection<TemporalModelFactory> all() {
        return FACTORIES.all();
    }
}
