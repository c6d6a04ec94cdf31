package org.affect4j.util;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The plug-ins of one extension point, found once through {@link ServiceLoader} (the built-in ones are registered
 * the same way, in this project's own {@code META-INF/services} files), in class-path order; the first of a name
 * wins. Unknown names are one-line errors with the nearest known name. Immutable, thread-safe.
 *
 * @param <P> the extension point's factory interface
 */
public final class Registry<P extends Plugin> {
    private final String what;
    private final Map<String, P> byName = new LinkedHashMap<>();

    private Registry(String what, Iterable<P> found) {
        this.what = what;
        for (P p : found) byName.putIfAbsent(p.name(), p);
    }

    /**
     * Loads every {@code type} on the class path.
     *
     * @param what what the plug-ins are, for messages ("ensemble rule")
     */
    public static <P extends Plugin> Registry<P> load(Class<P> type, String what) {
        return new Registry<>(what, ServiceLoader.load(type, Registry.class.getClassLoader()));
    }

    /** The plug-in called {@code name}. @throws IllegalArgumentException naming the known ones */
    public P get(String name) {
        P p = byName.get(name);
        if (p != null) return p;
        String near = ConfigReader.nearest(name, byName.keySet());
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'"
                + (near == null ? "" : "; did you mean '" + near + "'?") + " (known: " + String.join(", ", names()) + ")");
    }

    /** The known names, in registration order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** Every plug-in, in registration order. */
    public Collection<P> all() {
        return List.copyOf(byName.values());
    }
}
