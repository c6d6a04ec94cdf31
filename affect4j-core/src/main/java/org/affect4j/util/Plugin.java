package org.affect4j.util;

/**
 * A named factory of one extension point (a temporal model kind, an ensemble rule...): what a {@link Registry} holds.
 * Adding one is one class implementing the point's factory interface plus one line in
 * {@code META-INF/services/<that interface>}; nothing else is edited.
 */
public interface Plugin {
    /** The name configs and command lines use, lower case, e.g. {@code lstm} or {@code vote}. */
    String name();

    /** One line for {@code affect4j list}. */
    String description();
}
