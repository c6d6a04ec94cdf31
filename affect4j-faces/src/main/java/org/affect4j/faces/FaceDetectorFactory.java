package org.affect4j.faces;

import org.affect4j.util.Plugin;
import org.affect4j.util.Registry;

/**
 * Makes a face detector by name ({@code extract --detector NAME}): the built-ins are {@link FaceDetectors}. Add one
 * with a class implementing this interface and a line in {@code META-INF/services/org.affect4j.faces.FaceDetectorFactory};
 * {@code affect4j list} shows it, {@code extract --detector} accepts its name and the store records it in its
 * feature descriptors and manifests.
 */
public interface FaceDetectorFactory extends Plugin {
    /** Every face detector on the class path. */
    Registry<FaceDetectorFactory> ALL = Registry.load(FaceDetectorFactory.class, "face detector");

    /**
     * Opens a detector, which the caller closes. The extraction shares it between its detection workers, so its
     * {@link FaceDetector#detect} must be safe to call from several threads (or synchronised).
     *
     * @param threads intra-op threads of its inference, when it has any (the workers already run in parallel: 1)
     */
    FaceDetector create(int threads);
}
