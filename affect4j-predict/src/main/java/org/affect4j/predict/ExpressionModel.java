package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.store.FeatureStore;

import java.util.List;
import java.util.Map;

/**
 * Frame-aligned features in, per-frame probabilities of the 8 ABAW classes out. Implementations: the shipped
 * default ({@link org.affect4j.predict.LateFusionModel}) and models trained with {@code affect4j train}
 * ({@link RunModel}). Users plug in their own by implementing this and loading it through {@link ExpressionModels}.
 * Models holding native resources release them in {@link #close()}.
 */
public interface ExpressionModel extends AutoCloseable {
    /**
     * Short name shown in reports.
     *
     * @return the name
     */
    String name();

    /**
     * Feature names (as {@code affect4j extract} takes them) the model reads; missing modalities are allowed.
     *
     * @return the feature names
     */
    List<String> features();

    /**
     * Predicts every frame of one video of a store (rows per second from its {@code VideoInfo}). Features of a
     * modality the input lacks (no sound in a still image, no frames in an audio file) may be absent from the store.
     *
     * @param store the store holding the video's features
     * @param video the video's name in the store
     * @return one prediction per frame
     */
    FramePredictions predict(FeatureStore store, String video);

    /**
     * In videos, detect and embed the face on every n-th frame only, interpolating the face and the embedding in
     * between ({@link org.affect4j.pipeline.ExtractionOptions#faceEvery()}). 1 (the default) computes
     * the rows exactly as {@code extract} writes them into a store, which models trained on a store need.
     *
     * @return n, at least 1
     */
    default int faceEvery() {
        return 1;
    }

    /**
     * In videos, visual features computed by a cheaper approximation in their place
     * ({@link org.affect4j.pipeline.StandIn}: feature name to extractor name). Empty (the default): every feature by
     * its own extractor, as {@code extract} writes it into a store. Still pictures always get their own extractors.
     *
     * @return feature name to the extractor that computes it on video frames
     */
    default Map<String, String> videoStandIns() {
        return Map.of();
    }

    /**
     * For a still picture, also find and embed the face of its mirror image, which the model averages with the
     * picture's own reading (test-time mirroring: a face is nearly symmetric and the two readings' errors partly
     * cancel; a video frame is never mirrored, it would double the cost of every frame). The caller puts the
     * mirrored picture's rows into the store beside the picture's, as the video {@link #mirrored(String)}.
     *
     * @return true when the model reads a mirrored view of a still picture
     */
    default boolean mirrorsStills() {
        return false;
    }

    /**
     * The lowest face score a still picture is searched down to when no face is found at the detector's own score
     * ({@link org.affect4j.pipeline.ExtractionOptions#stillMinScore()}); the rows the model was trained on were found
     * the same way.
     *
     * @return the score, 0 for no further search
     */
    default double stillMinScore() {
        return 0;
    }

    /**
     * The store name of a still picture's mirror image ({@link #mirrorsStills()}).
     *
     * @param video the picture's name in the store
     * @return the name its mirror image's rows are stored under
     */
    static String mirrored(String video) {
        return video + ".mirrored";
    }

    /**
     * What the model is, what it was trained on, its licence and measured accuracy, in display order.
     *
     * @return heading to text, in display order
     */
    Map<String, String> description();

    @Override
    default void close() {
    }
}
