package org.affect4j.pipeline;

import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature computed by another extractor in its place: an approximation of it that is cheaper to run (e.g.
 * {@code faceres-int8} for {@code faceres}, the same net with integer convolutions). Its rows go where the feature's
 * would, under the feature's id, so a model trained on the feature reads them unchanged; its provenance says what
 * computed them. Used where speed matters more than the last digits ({@code predict} on video frames,
 * {@link ExtractionOptions#standIns()}), never silently: the caller asks for each one.
 */
public final class StandIn implements FrameFeatureExtractor {
    private final String feature;
    private final FrameFeatureExtractor computedBy;

    private StandIn(String feature, FrameFeatureExtractor computedBy) {
        this.feature = feature;
        this.computedBy = computedBy;
    }

    /**
     * Opens the visual feature {@code name}, or the extractor {@code standIns} names in its place.
     *
     * @param threads ONNX Runtime intra-op threads
     * @throws IllegalArgumentException for an unknown name
     */
    public static FrameFeatureExtractor open(String name, Map<String, String> standIns, int threads) {
        String by = standIns.get(name);
        if (by == null || by.equals(name)) return VisualExtractors.create(name, threads);
        return new StandIn(name, VisualExtractors.create(by, threads));
    }

    @Override
    public String id() {
        return feature;
    }

    @Override
    public int dimension() {
        return computedBy.dimension();
    }

    @Override
    public float[][] extract(List<RgbImage> faces) {
        return computedBy.extract(faces);
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>(computedBy.provenance());
        p.put("computedBy", computedBy.id() + ", in place of " + feature);
        return p;
    }

    @Override
    public void close() {
        computedBy.close();
    }
}
