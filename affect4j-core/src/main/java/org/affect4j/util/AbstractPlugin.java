package org.affect4j.util;

/** A {@link Plugin} whose name and description are fixed at construction: the base of most factories. */
public abstract class AbstractPlugin implements Plugin {
    private final String name;
    private final String description;

    protected AbstractPlugin(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }
}
