package org.affect4j.features;

import org.affect4j.store.FeatureMatrix;

import java.util.Map;

/**
 * Turns a 16 kHz mono signal into a descriptor stream at its native hop (rows per second = {@link #rate()}).
 * Alignment to video frames is done afterwards, by resampling the stream onto frame times.
 */
public interface AudioFeatureExtractor extends AutoCloseable {
    /** Sample rate every extractor receives. */
    int SAMPLE_RATE = 16_000;

    /** Feature name in the store and in configs, e.g. {@code fbank}. */
    String id();

    /** Values per row. */
    int dimension();

    /** Rows per second of the native stream (100 for a 10 ms hop). */
    double rate();

    /** Descriptors of {@code samples} (16 kHz mono, [-1, 1]); rows invalid where nothing can be computed. */
    FeatureMatrix extract(float[] samples);

    /** Where the numbers come from. */
    Map<String, String> provenance();

    @Override
    default void close() {
    }
}
