package org.affect4j.features;

/**
 * A feature as commands and configs write it: {@code NAME} or {@code NAME:ARGUMENT} (e.g. {@code faceres},
 * {@code onnx:models/mae.json}); {@code NAME} picks the extractor factory, the argument goes to it.
 *
 * @param name     the factory's name
 * @param argument what follows the first colon, or null
 */
public record FeatureSpec(String name, String argument) {
    /** Splits at the first colon. */
    public static FeatureSpec parse(String feature) {
        String f = feature.trim();
        int colon = f.indexOf(':');
        return colon < 0 ? new FeatureSpec(f, null) : new FeatureSpec(f.substring(0, colon), f.substring(colon + 1));
    }

    /** @throws IllegalArgumentException when an argument was given to a feature that takes none */
    public void requireNoArgument() {
        if (argument != null) throw new IllegalArgumentException("feature '" + name + "' takes no argument, got '" + name + ":" + argument + "'");
    }

    /** The argument; @throws IllegalArgumentException naming an example when there is none */
    public String requireArgument(String example) {
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("'" + name + ":' needs an argument, e.g. " + name + ":" + example);
        }
        return argument;
    }
}
