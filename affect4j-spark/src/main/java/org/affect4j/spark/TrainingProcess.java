package org.affect4j.spark;

import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionWriter;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.RunPredictor;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.util.AtomicFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * The child-JVM side of {@link TrainingItem}:
 * {@code TrainingProcess CONFIG RUN_DIR [--predict LIST --out DIR [--last]]}. Trains (or resumes, or skips a
 * finished run), then predicts the listed videos from the run's own store into {@code DIR/<video>.txt}
 * (probabilities) and writes {@code DIR/.complete}. Exit 0 on success; otherwise the last line on standard error is
 * {@code error: <one line>} and the exit code is 1.
 */
public final class TrainingProcess {
    private TrainingProcess() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.println("error: " + WorkItems.oneLine(e));
            System.exit(1);
        }
    }

    static void run(String[] args) {
        if (args.length < 2) throw new IllegalArgumentException("usage: TrainingProcess CONFIG RUN_DIR [--predict LIST --out DIR [--last]]");
        Path config = Path.of(args[0]), runDir = Path.of(args[1]);
        Path list = null, out = null;
        boolean last = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--predict" -> list = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--last" -> last = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!RunStatus.finished(runDir)) Training.run(config, runDir, TrainingListener.NONE);
        if (list != null) predict(runDir, ItemLists.names(list), out, last);
    }

    private static void predict(Path runDir, List<String> videos, Path out, boolean last) {
        try (RunPredictor p = RunPredictor.load(runDir, last)) {
            FeatureStore store = new FeatureStore(Path.of(p.config().data().store()));
            for (String v : videos) {
                FramePredictions f = p.predict(store, v);
                PredictionWriter.write(out.resolve(v + ".txt"), f);
            }
        }
        AtomicFiles.writeString(out.resolve(TrainingItem.COMPLETE), videos.size() + " videos\n");
    }
}
