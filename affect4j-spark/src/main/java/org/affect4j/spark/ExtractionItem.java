package org.affect4j.spark;

import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.jobs.WorkItem;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.ExtractionResult;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the features of one input (a video, audio file or frame folder) into the store, through the same
 * {@link VideoExtraction} the single-process {@code extract} command uses.
 *
 * <p>Idempotent and atomic because the store is: every (feature, video) matrix is renamed into place when complete,
 * and a complete pair is never recomputed. The input is checked in the task, not when the job is planned, so an
 * unreadable file fails its own item only.
 *
 * @param name     the store video name (file name without extension, or folder name; or that name with
 *                 {@code _left}/{@code _right} for one person of an Aff-Wild2 two-person video)
 * @param input    the input path ({@link StoreLocation} rules)
 * @param store    the feature store root ({@link StoreLocation} rules, or a {@link RemoteStore} URI)
 * @param features feature names as {@code extract --features} takes them
 * @param detector face detector name ({@link ExtractionOptions#detector()})
 * @param threads  ONNX Runtime threads of this task
 */
public record ExtractionItem(String name, String input, String store, List<String> features, String detector,
                             int threads) implements WorkItem {
    public ExtractionItem {
        features = List.copyOf(features);
        if (features.isEmpty()) throw new IllegalArgumentException("no features to extract for " + name);
    }

    /**
     * Done when every built-in feature is complete for this video. A bring-your-own model ({@code onnx:<file>})
     * names its feature id inside its file, so such items always run; {@link VideoExtraction} then skips the complete
     * pairs itself, at the cost of loading the extractors.
     */
    @Override
    public boolean isDone() {
        if (features.stream().anyMatch(f -> f.contains(":"))) return false;
        if (RemoteStores.isRemote(store)) return new RemoteStore(store).has(name, features);
        FeatureStore s = new FeatureStore(StoreLocation.resolve(store));
        return s.video(name).isPresent() && features.stream().allMatch(f -> s.has(f, name));
    }

    @Override
    public void run() throws Exception {
        Path in = StoreLocation.resolve(input);
        List<MediaInput> inputs = MediaInput.resolve(in);
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(in + " holds " + inputs.size() + " inputs; an extraction item takes one");
        }
        MediaInput media = inputs.get(0);
        if (name.equals(media.name() + "_left") || name.equals(media.name() + "_right")) {
            // an Aff-Wild2 side file: same video, the store entry named by its side, whose face "auto" tracking follows
            media = new MediaInput(name, media.kind(), media.path());
        } else if (!media.name().equals(name)) {
            // the planner and the pipeline must agree on names, or isDone() would look for the wrong files
            throw new IllegalStateException("input " + in + " is named '" + media.name() + "', the job expected '" + name + "'");
        }
        ExtractionOptions options = ExtractionOptions.builder(features).detector(detector).threads(threads).build();
        RemoteStore remote = RemoteStores.isRemote(store) ? new RemoteStore(store) : null;
        // a store on a Hadoop file system is written here first, then published file by file
        FeatureStore target = remote != null ? remote.local() : new FeatureStore(StoreLocation.resolve(store));
        try (VideoExtraction x = new VideoExtraction(target, options)) {
            ExtractionResult r = x.extract(media, ExtractionListener.NONE);
            if (remote != null) {
                List<String> names = new ArrayList<>(r.written());
                names.addAll(r.skipped());
                remote.publish(name, names);
            }
        }
    }
}
