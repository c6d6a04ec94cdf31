package org.affect4j.training;

import org.affect4j.data.FramePredictions;
import org.affect4j.eval.Evaluation;
import org.affect4j.inference.RunPredictor;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.runs.RunDirectory;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.data.LabelledItems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end training on synthetic data: 1 epoch of 2 batches per model, run directory content, determinism, resume. */
class TrainingTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        SyntheticStore.write(dir, 12, 4);
    }

    @Test
    void trainsBothModelsAndWritesACompleteRun() throws Exception {
        for (String type : List.of("lstm", "transformer")) {
            Path cfg = SyntheticStore.config(dir, type, ", \"maxStepsPerEpoch\": 2");
            Path run = dir.resolve("run-" + type);
            Training.Result r = Training.run(cfg, run, TrainingListener.NONE);
            assertEquals(1, r.bestEpoch());
            assertTrue(Double.isFinite(r.last().trainLoss()));
            for (String f : List.of("config.json", "run.json", "metrics.csv", "metrics.json", "learning-curve.png",
                    "confusion-matrix.png", "checkpoints/best.json", "checkpoints/last.json")) {
                assertTrue(Files.isRegularFile(run.resolve(f)), type + ": missing " + f);
            }
            assertEquals("finished", RunDirectory.status(run));
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Other")), "warns about classes without frames");
            try (RunPredictor p = RunPredictor.load(run)) {
                // a Transformer predicts through its ONNX Runtime graph (ExpressionNetGraphTest: the engine's numbers
                // to float rounding), so evaluate reproducing the validation score below covers that path
                assertEquals(type.equals("transformer") ? "ONNX Runtime" : "PyTorch", p.runtime());
                FeatureStore store = new FeatureStore(dir.resolve("store"));
                FramePredictions f = p.predict(store, "vid13");
                assertEquals(store.get("a", "vid13").rows(), f.frames());
                Evaluation e = p.evaluate(store, LabelledItems.read(dir.resolve("val.csv")));
                assertEquals(r.last().macroF1(), e.macroF1(), 1e-9, "evaluate reproduces the validation score");
                FramePredictions smooth = p.smoothing(5).predict(store, "vid13");
                assertEquals(f.frames(), smooth.frames());
            }
            // a finished run is never overwritten unless asked
            IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                    () -> Training.run(cfg, run, TrainingListener.NONE));
            assertTrue(again.getMessage().contains("finished run"), again.getMessage());
            Training.run(cfg, run, TrainingListener.NONE, new Training.Options(true, 0));
        }
    }

    @Test
    void sameSeedSameResultAndResumeContinuesExactly() throws Exception {
        Path cfg = SyntheticStore.config(dir, "lstm", ", \"epochs\": 2, \"maxStepsPerEpoch\": 2, \"featureMaskProbability\": 0.2,"
                + " \"labelSmoothing\": 0.1, \"classWeights\": [1, 2, 3, 4, 1, 1, 1, 1]").getParent().resolve("lstm.json");
        Path straight = dir.resolve("straight");
        Training.Result a = Training.run(cfg, straight, TrainingListener.NONE);
        Training.Result b = Training.run(cfg, dir.resolve("straight-again"), TrainingListener.NONE);
        assertEquals(a.last().trainLoss(), b.last().trainLoss(), 0.0, "CPU runs with one seed are identical");
        assertEquals(a.last().validationLoss(), b.last().validationLoss(), 0.0);

        Path interrupted = dir.resolve("interrupted");
        TrainingListener crashAfterFirstEpoch = new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                if (m.epoch() == 1) throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class, () -> Training.run(cfg, interrupted, crashAfterFirstEpoch));
        assertEquals("failed", RunDirectory.status(interrupted));
        Training.Result resumed = Training.run(cfg, interrupted, TrainingListener.NONE);
        assertEquals(2, resumed.last().epoch());
        assertEquals(a.last().trainLoss(), resumed.last().trainLoss(), 0.0, "resumed run equals the uninterrupted one");
        assertEquals(a.last().validationLoss(), resumed.last().validationLoss(), 0.0);
    }
}
