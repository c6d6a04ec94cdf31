package org.affect4j.features;

import org.affect4j.data.RgbImage;

import java.util.List;
import java.util.Map;

/**
 * Turns aligned face crops into one feature vector each. Implementations own native resources (an ONNX session)
 * and are closed by whoever opened them. Not required to be thread-safe.
 */
public interface FrameFeatureExtractor extends AutoCloseable {
    /** Feature name in the store and in configs, e.g. {@code faceres}. */
    String id();

    /** Length of each output vector. */
    int dimension();

    /** One vector per input image, in order; a batch may be of any size. */
    float[][] extract(List<RgbImage> faces);

    /** Where the numbers come from: model file SHA-256, input size, colour order, normalisation, version. */
    Map<String, String> provenance();

    @Override
    void close();
}
