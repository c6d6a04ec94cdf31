package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;

/**
 * An audio extractor that can take a signal piece by piece and give exactly the rows of one pass over the whole
 * (a recurrent model carries its state from piece to piece). {@link ChunkedExtraction} feeds such extractors the
 * decoder's pieces directly instead of overlapping chunks.
 */
public interface StreamingExtractor {
    /** True when {@link #open()} can be used for this configuration. */
    boolean streams();

    /** A new pass over one signal. */
    Stream open();

    /**
     * One pass: rows come out in order once their samples are in, or a little later where a model runs several
     * windows a call (Silero VAD: up to 8 windows, 256 ms); {@link #finish()} gives every row still owed. Close it to
     * release native resources.
     */
    interface Stream extends AutoCloseable {
        /** Takes the next samples; returns the rows they completed (possibly none). */
        FeatureMatrix push(float[] samples);

        /** The rows still owed at the end of the signal (windows zero-padded past it). */
        FeatureMatrix finish();

        @Override
        void close();
    }
}
