package org.affect4j.training.data;

import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MappedMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Which store features are concatenated per frame, in which order and with which widths; reads one video's fused
 * input {@code [frames, total]} from a {@link FeatureStore}, whole ({@link #read}) or on demand ({@link #open}).
 * Immutable.
 *
 * @param names features in concatenation order
 * @param dims  their widths
 */
public record FeatureLayout(List<String> names, List<Integer> dims) {
    public FeatureLayout {
        names = List.copyOf(names);
        dims = List.copyOf(dims);
    }

    /** The layout of {@code features} as the store describes them; an unknown feature is an error naming what exists. */
    public static FeatureLayout of(FeatureStore store, List<String> features) {
        List<Integer> dims = new ArrayList<>();
        for (String f : features) {
            FeatureDescriptor d = store.requireDescriptor(f);
            dims.add(d.dim());
        }
        return new FeatureLayout(features, dims);
    }

    /** Concatenated width D. */
    public int total() {
        return dims.stream().mapToInt(Integer::intValue).sum();
    }

    /** Column where feature {@code i} starts. */
    public int offset(int i) {
        int o = 0;
        for (int k = 0; k < i; k++) o += dims.get(k);
        return o;
    }

    /**
     * Reads and concatenates one video's features, row i = frame i.
     *
     * @throws IllegalArgumentException if a feature is missing for the video, its width differs from the
     *                                  descriptor's, or the features disagree on the number of frames
     */
    public Sequence read(FeatureStore store, LabelledItem item, boolean nearestFill) {
        return read(store, item, nearestFill, null);
    }

    /**
     * Reads like {@link #read(FeatureStore, LabelledItem, boolean)}, then standardises each feature with
     * {@code standardiser} (null = raw); rows that are invalid and were not filled become 0.
     */
    public Sequence read(FeatureStore store, LabelledItem item, boolean nearestFill, FeatureStandardiser standardiser) {
        String video = item.video();
        int frames = -1;
        List<FeatureMatrix> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            FeatureMatrix m = store.get(names.get(i), video, nearestFill);
            frames = checkShape(video, i, m.dim(), m.rows(), frames);
            if (standardiser != null) {
                boolean filled = nearestFill && m.validCount() > 0;
                boolean[] zero = new boolean[m.rows()];
                for (int r = 0; r < zero.length; r++) zero[r] = !filled && !m.isValid(r);
                // the store hands out fresh arrays (and nearestFilled a copy): safe to standardise in place
                standardiser.applyInPlace(i, m.data(), m.rows(), zero);
            }
            parts.add(m);
        }
        int d = total();
        float[] x = new float[frames * d];
        for (int i = 0; i < parts.size(); i++) {
            float[] src = parts.get(i).data();
            int w = dims.get(i);
            int off = offset(i);
            for (int r = 0; r < frames; r++) {
                System.arraycopy(src, r * w, x, r * d + off, w);
            }
        }
        return new Sequence(video, frames, d, x, item.labelsFor(frames));
    }

    /** Checks feature {@code i}'s width and row count ({@code frames} of the features before it, -1 for none). */
    private int checkShape(String video, int i, int dim, int rows, int frames) {
        if (dim != dims.get(i)) {
            throw new IllegalArgumentException("feature '" + names.get(i) + "' of video '" + video + "' has "
                    + dim + " values per frame, but the feature is declared with " + dims.get(i));
        }
        if (frames >= 0 && rows != frames) {
            throw new IllegalArgumentException("features of video '" + video + "' disagree on the frame count: '"
                    + names.get(0) + "' has " + frames + " rows, '" + names.get(i) + "' has " + rows
                    + " (resample them to the video's frames before training)");
        }
        return rows;
    }

    /**
     * Opens one video for reading its rows on demand from the store's memory-mapped files: the same rows as
     * {@link #read(FeatureStore, LabelledItem, boolean, FeatureStandardiser)}, the same checks, but nothing of the
     * features is loaded, so a corpus of any size can be opened.
     */
    public VideoRows open(FeatureStore store, LabelledItem item, boolean nearestFill, FeatureStandardiser standardiser) {
        String video = item.video();
        int frames = -1;
        MappedMatrix[] parts = new MappedMatrix[names.size()];
        int[] offsets = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            parts[i] = store.map(names.get(i), video);
            frames = checkShape(video, i, parts[i].dim(), parts[i].rows(), frames);
            offsets[i] = offset(i);
        }
        return new MappedVideo(video, frames, total(), item.labelsFor(frames), parts, offsets, nearestFill, standardiser);
    }

    /** Opens every item; see {@link #open}. */
    public List<VideoRows> openAll(FeatureStore store, List<LabelledItem> items, boolean nearestFill,
                                   FeatureStandardiser standardiser) {
        List<VideoRows> out = new ArrayList<>(items.size());
        for (LabelledItem it : items) out.add(open(store, it, nearestFill, standardiser));
        return out;
    }

    /** Reads every item; see {@link #read}. */
    public List<Sequence> readAll(FeatureStore store, List<LabelledItem> items, boolean nearestFill) {
        return readAll(store, items, nearestFill, null);
    }

    /** Reads and standardises every item; see {@link #read(FeatureStore, LabelledItem, boolean, FeatureStandardiser)}. */
    public List<Sequence> readAll(FeatureStore store, List<LabelledItem> items, boolean nearestFill,
                                  FeatureStandardiser standardiser) {
        List<Sequence> out = new ArrayList<>(items.size());
        for (LabelledItem it : items) out.add(read(store, it, nearestFill, standardiser));
        return out;
    }
}
