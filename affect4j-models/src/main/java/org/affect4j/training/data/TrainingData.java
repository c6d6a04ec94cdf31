package org.affect4j.training.data;

import org.affect4j.data.ExprClass;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.util.Locations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training and validation videos of an experiment, opened in the feature store and checked before anything
 * is written: unknown features, missing videos, mismatched widths or frame counts, an empty set, fewer than two
 * classes are errors ({@link IllegalArgumentException}); a class without training frames is a warning (corpora such
 * as RAVDESS have no "Other" at all, and the metric still counts it, METHOD §1).
 *
 * @param layout     concatenated features
 * @param train      training sequences
 * @param validation validation sequences
 * @param classCounts annotated training frames per class
 * @param warnings   problems that do not stop training
 * @param standardiser the training-set standardisation applied to both sets, or null ({@code data.standardise: false})
 */
public record TrainingData(FeatureLayout layout, List<VideoRows> train, List<VideoRows> validation, long[] classCounts,
                    List<String> warnings, FeatureStandardiser standardiser) {

    public static TrainingData load(ExperimentConfig config) {
        ExperimentConfig.Data d = config.data();
        if (Locations.isUri(d.store())) {
            throw new IllegalArgumentException("data.store: " + d.store() + " is on a Hadoop file system; cv and ablate"
                    + " copy such a store to each worker, a single training needs a local folder");
        }
        Path storeRoot = Path.of(d.store());
        if (!Files.isDirectory(storeRoot)) {
            throw new IllegalArgumentException("data.store: feature store " + storeRoot + " does not exist");
        }
        FeatureStore store = new FeatureStore(storeRoot);
        FeatureLayout layout = FeatureLayout.of(store, config.features());
        List<LabelledItem> trainItems = LabelledItems.read(Path.of(d.train()));
        List<LabelledItem> valItems = LabelledItems.read(Path.of(d.validation()));
        if (trainItems.isEmpty()) throw new IllegalArgumentException("data.train: the training set " + d.train() + " is empty");
        if (valItems.isEmpty()) throw new IllegalArgumentException("data.validation: the validation set " + d.validation() + " is empty");
        // statistics first, one video at a time, from the training items only
        FeatureStandardiser st = d.standardise() ? FeatureStandardiser.fit(store, layout, trainItems) : null;
        // mapped, not loaded: batches copy their segments out of the store's files (heap independent of the corpus)
        List<VideoRows> train = layout.openAll(store, trainItems, d.nearestFill(), st);
        List<VideoRows> val = layout.openAll(store, valItems, d.nearestFill(), st);
        int classes = config.model().classes();
        long[] counts = new long[classes];
        for (VideoRows s : train) {
            for (int l : s.labels()) {
                if (l >= classes) {
                    throw new IllegalArgumentException("video '" + s.video() + "' has label " + l + " but model.classes is " + classes);
                }
                if (l >= 0) counts[l]++;
            }
        }
        List<String> warnings = new ArrayList<>();
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                present++;
            } else {
                warnings.add("class " + c + " (" + (c < ExprClass.COUNT ? ExprClass.of(c).displayName() : "?")
                        + ") has no training frames; the model will never predict it and its F1 is 0");
            }
        }
        if (present == 0) throw new IllegalArgumentException("data.train: the training set has no annotated frame");
        if (present < 2) throw new IllegalArgumentException("data.train: the training set holds only one class; nothing to learn");
        if (val.stream().mapToInt(VideoRows::annotatedFrames).sum() == 0) {
            throw new IllegalArgumentException("data.validation: the validation set has no annotated frame");
        }
        return new TrainingData(layout, train, val, counts, warnings, st);
    }
}
