package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;

/**
 * What the eGeMAPS and ComParE extractors share: rows every 10 ms on the {@link AudioFrames} grid, and descriptors
 * that depend on the level of the whole recording (a signal given alone is its own whole).
 */
abstract class LldExtractor implements AudioFeatureExtractor, TimedRows, LevelDependent {
    @Override
    public final double rate() {
        return AudioFrames.RATE;
    }

    @Override
    public final double firstRowSeconds() {
        return AudioFrames.CENTRE_OFFSET;
    }

    @Override
    public final FeatureMatrix extract(float[] samples) {
        return extract(samples, SignalLevel.of(samples));
    }
}
