package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;

/**
 * An audio extractor whose rows depend on the level of the whole signal ({@link SignalLevel}), so that a chunk of
 * a long recording is analysed as it would be inside the whole.
 */
public interface LevelDependent {
    /** Descriptors of {@code samples}, a piece of a signal whose level is {@code whole}. */
    FeatureMatrix extract(float[] samples, SignalLevel whole);
}
