package org.affect4j.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of temporal model kinds: the built-in {@code lstm} and {@code transformer}, plus any
 * {@link TemporalModelFactory} found through {@link ServiceLoader} (a jar with
 * {@code META-INF/services/org.affect4j.models.TemporalModelFactory}). Thread-safe after class initialisation.
 */
public final class TemporalModels {
    private static final Map<String, TemporalModelFactory> FACTORIES = new LinkedHashMap<>();

    static {
        for (TemporalModelFactory f : List.of(new LstmModel.Factory(), new TransformerModel.Factory())) {
            FACTORIES.put(f.type(), f);
        }
        for (TemporalModelFactory f : ServiceLoader.load(TemporalModelFactory.class)) {
            FACTORIES.putIfAbsent(f.type(), f);
        }
    }

    private TemporalModels() {
    }

    /** The factory of {@code type}; the message lists the known types otherwise. */
    public static TemporalModelFactory factory(String type) {
        TemporalModelFactory f = FACTORIES.get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown model type '" + type + "', expected one of " + FACTORIES.keySet());
        }
        return f;
    }

    /** Names of all known model types. */
    public static List<String> types() {
        return List.copyOf(FACTORIES.keySet());
    }
}
