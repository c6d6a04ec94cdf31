package org.affect4j.training.data;

import org.affect4j.store.MappedMatrix;
import org.affect4j.store.NearestFill;

/**
 * A video's fused input read from the store's memory-mapped files when a batch asks for its rows
 * ({@link FeatureLayout#open}): the heap holds the labels and the mappings' bookkeeping, never the features, so
 * training and prediction do not grow with the corpus. Rows equal those of {@link FeatureLayout#read} bit for bit
 * (same nearest fill, same standardisation arithmetic; pinned by a test). Thread-safe.
 */
final class MappedVideo implements VideoRows {
    private final String video;
    private final int frames;
    private final int dim;
    private final int[] labels;
    private final MappedMatrix[] parts;
    private final int[] offsets;
    private final boolean nearestFill;
    private final FeatureStandardiser standardiser;

    MappedVideo(String video, int frames, int dim, int[] labels, MappedMatrix[] parts, int[] offsets,
                boolean nearestFill, FeatureStandardiser standardiser) {
        this.video = video;
        this.frames = frames;
        this.dim = dim;
        this.labels = labels;
        this.parts = parts;
        this.offsets = offsets;
        this.nearestFill = nearestFill;
        this.standardiser = standardiser;
    }

    @Override
    public String video() {
        return video;
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public void copyRows(int start, int count, float[] dst, int offset) {
        if (start < 0 || count < 0 || start + count > frames) {
            throw new IndexOutOfBoundsException("rows " + start + "+" + count + " of " + frames + " in '" + video + "'");
        }
        for (int f = 0; f < parts.length; f++) {
            MappedMatrix m = parts[f];
            // as FeatureMatrix.nearestFilled: a video without any valid row is left as stored
            boolean filled = nearestFill && m.validCount() > 0;
            int[] src = filled && m.validCount() < frames ? NearestFill.sourceRows(m::isValid, frames, start, start + count) : null;
            for (int t = 0; t < count; t++) {
                int r = start + t;
                int at = offset + t * dim + offsets[f];
                if (standardiser != null && !filled && !m.isValid(r)) {
                    java.util.Arrays.fill(dst, at, at + m.dim(), 0f);
                    continue;
                }
                m.copyRow(src == null ? r : src[t], dst, at);
                if (standardiser != null) standardiser.applyRow(f, dst, at);
            }
        }
    }
}
