package org.affect4j.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The optimiser state a checkpoint keeps beside the network, so that a resumed training continues exactly where it
 * stopped. The training loop's Adam implements it; run management only stores and restores the bytes.
 */
public interface OptimiserState {
    /** Writes the state (step count and moments). */
    void save(OutputStream out) throws IOException;

    /** Restores a state written by {@link #save}. */
    void load(InputStream in);
}
