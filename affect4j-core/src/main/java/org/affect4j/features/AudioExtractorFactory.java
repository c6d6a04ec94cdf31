package org.affect4j.features;

import org.affect4j.util.Plugin;
import org.affect4j.util.Registry;

/**
 * Makes an audio feature extractor by name: the built-in descriptors ({@code fbank}, {@code egemaps}, ...) and
 * {@code onnx-audio:<config.json>} for a user's ONNX audio model; {@code NAME} or {@code NAME:ARGUMENT}, as
 * {@link VisualExtractorFactory}. Add one with a class and a line in
 * {@code META-INF/services/org.affect4j.features.AudioExtractorFactory}.
 */
public interface AudioExtractorFactory extends Plugin {
    /** Every audio extractor on the class path. */
    Registry<AudioExtractorFactory> ALL = Registry.load(AudioExtractorFactory.class, "audio feature");

    /**
     * Opens the extractor; the caller closes it.
     *
     * @param argument what follows {@code NAME:} (null when the feature was written without one)
     */
    AudioFeatureExtractor create(String argument);
}
