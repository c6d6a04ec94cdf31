package org.affect4j.experiments;

import org.affect4j.data.PredictionWriter;
import org.affect4j.inference.RunPredictor;
import org.affect4j.store.FeatureStore;
import org.affect4j.util.AtomicFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's per-frame probabilities of store videos as {@code DIR/<video>.txt}, then {@code DIR/.complete}, the
 * prediction folder that {@code ensemble}, {@code score} and {@code submit} read. Shared by the fold models of
 * {@link TrainingProcess} and the run members of {@code ensemble}.
 */
public final class RunPredictions {
    /** File written last into a complete predictions folder. */
    public static final String COMPLETE = ".complete";

    private RunPredictions() {
    }

    /** Predicts {@code videos} of {@code store} with {@code predictor} into {@code out} (each file atomically). */
    public static void write(RunPredictor predictor, FeatureStore store, List<String> videos, Path out) {
        for (String v : videos) PredictionWriter.write(out.resolve(v + ".txt"), predictor.predict(store, v));
        AtomicFiles.writeString(out.resolve(COMPLETE), videos.size() + " videos\n");
    }
}
