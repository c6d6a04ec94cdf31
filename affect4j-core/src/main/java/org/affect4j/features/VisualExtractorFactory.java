package org.affect4j.features;

import org.affect4j.util.Plugin;
import org.affect4j.util.Registry;

/**
 * Makes a visual feature extractor by name: the built-in nets ({@code faceapi-expr}, {@code faceres}, ...) and
 * {@code onnx:<config.json>} for a user's ONNX image model. A feature is written {@code NAME} or
 * {@code NAME:ARGUMENT} (the argument, such as a config file, goes to {@link #create}). Add one with a class
 * implementing this interface and a line in {@code META-INF/services/org.affect4j.features.VisualExtractorFactory};
 * {@code affect4j list} shows it and every command and config accepts its name.
 */
public interface VisualExtractorFactory extends Plugin {
    /** Every visual extractor on the class path. */
    Registry<VisualExtractorFactory> ALL = Registry.load(VisualExtractorFactory.class, "visual feature");

    /**
     * Opens the extractor; the caller closes it.
     *
     * @param argument what follows {@code NAME:} (null when the feature was written without one)
     * @param threads  inference threads
     * @throws IllegalArgumentException when the argument is missing, unexpected or names a bad file
     */
    FrameFeatureExtractor create(String argument, int threads);
}
