package org.affect4j.pipeline;

import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feature descriptors an extraction records in its store, one extraction per feature, never a mixed store. */
final class StoreDescriptors {
    private StoreDescriptors() {
    }

    /**
     * Records the descriptor of feature {@code id} as this extraction makes it: written when new, merged when only
     * keys a newer affect4j records were added, refused when the store already holds rows of another extraction.
     *
     * @throws IllegalArgumentException naming what differs, when the store holds rows of another extraction
     */
    static void record(FeatureStore store, String id, int dim, String extractor, Map<String, String> provenance) {
        // rows follow each video's frame rate (VideoInfo.fps); audio-only inputs record their row rate there too
        FeatureDescriptor d = new FeatureDescriptor(id, dim, 0, extractor, provenance.getOrDefault("version", "1"), provenance);
        Optional<FeatureDescriptor> old = store.descriptor(id);
        if (old.isEmpty()) {
            store.putDescriptor(d);
            return;
        }
        List<String> changed = old.get().differences(d);
        if (!changed.isEmpty() && !store.videos(id).isEmpty()) {
            // never a mixed store: rows of one feature all come from one extraction
            throw new IllegalArgumentException("the store " + store.root() + " holds feature '" + id + "' from another "
                    + "extraction (" + String.join("; ", changed) + "): extract into another store, or delete "
                    + store.root().resolve(id) + " to redo that feature");
        }
        FeatureDescriptor merged = changed.isEmpty() ? old.get().mergedWith(d) : d;
        if (!merged.equals(old.get())) store.putDescriptor(merged);
    }
}
