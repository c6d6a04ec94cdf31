package org.affect4j.spark;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionReader;
import org.affect4j.experiments.Ablation;
import org.affect4j.experiments.AblationGrid;
import org.affect4j.experiments.CrossValidation;
import org.affect4j.experiments.ExperimentFile;
import org.affect4j.experiments.RunFiles;
import org.affect4j.experiments.RunStatus;
import org.affect4j.experiments.SyntheticExperiment;
import org.affect4j.inference.RunPredictor;
import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.Outcome;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.data.LabelledItems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cross-validation and ablation of a tiny experiment with real training, on one local[2] Spark context. */
class ExperimentsOnSparkTest {
    private static SparkRunner spark;

    @BeforeAll
    static void start() {
        spark = new SparkRunner(SparkOptions.local("affect4j-experiments-test").withMaster("local[2]"));
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void crossValidationTrainsEveryFoldEnsemblesTheTestSetAndMatchesTheSingleProcessRun(@TempDir Path dir) throws Exception {
        Path cfg = SyntheticExperiment.write(dir);
        Path out = dir.resolve("cv");
        CrossValidation cv = new CrossValidation(ExperimentFile.load(cfg), 3, true, out).testList(dir.resolve("test.csv"));
        CrossValidation.Result r = cv.run(spark);
        assertTrue(r.report().ok(), r.report().format());
        assertEquals(4, r.report().count(Outcome.Status.DONE));
        assertEquals(3, r.scores().perFold().size());
        r.scores().perFold().forEach(f -> assertTrue(f >= 0 && f <= 1, "fold F1 " + f));
        for (String v : List.of("x0", "x1")) {
            assertTrue(Files.isRegularFile(out.resolve("ensemble").resolve(v + ".txt")), v);
            assertTrue(Files.isRegularFile(out.resolve("mix/test-predictions").resolve(v + ".txt")), v);
        }
        assertTrue(Files.readString(out.resolve("cv.md")).contains("| fold 1 | fold 2 | fold 3 | mean | std |"));

        // same seed, same result: fold 1's experiment trained in this JVM, as 'affect4j train' would
        Path direct = dir.resolve("direct-run");
        Training.run(out.resolve("fold-1/experiment.json"), direct, TrainingListener.NONE);
        assertEquals(RunStatus.bestMacroF1(direct), RunStatus.bestMacroF1(out.resolve("fold-1/run")));
        assertEquals(RunFiles.metricsWithoutTimes(direct), RunFiles.metricsWithoutTimes(out.resolve("fold-1/run")));

        JobReport again = cv.run(spark).report();
        assertEquals(4, again.count(Outcome.Status.SKIPPED), again.format());
    }

    @Test
    void checkpointAveragingFromTheConfigPredictsAndScoresWithTheAveragedModel(@TempDir Path dir) throws Exception {
        Path cfg = SyntheticExperiment.write(dir);
        Files.writeString(cfg, Files.readString(cfg).replace("epochs: 1,", "epochs: 2,") + "ensemble: {rule: mean, average: 2}\n");
        Path out = dir.resolve("cv");
        CrossValidation.Result r = new CrossValidation(ExperimentFile.load(cfg), 2, false, out).testList(dir.resolve("test.csv")).run(spark);
        assertTrue(r.report().ok(), r.report().format());
        Path run = out.resolve("fold-1/run");
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        // the fold model's test predictions and score are those of the average of its 2 epochs, loaded here directly
        try (RunPredictor averaged = RunPredictor.loadAveraged(run, 2)) {
            assertEquals("average-0001-0002", averaged.checkpoint().getFileName().toString());
            FramePredictions direct = averaged.predict(store, "x0");
            FramePredictions written = PredictionReader.read(out.resolve("fold-1/test-predictions-average-2/x0.txt"));
            assertEquals(direct.frames(), written.frames());
            for (int i = 0; i < direct.frames(); i++) {
                for (int c = 0; c < ExprClass.COUNT; c++) assertEquals(direct.probability(i, c), written.probability(i, c), 1e-6);
            }
            double f1 = averaged.evaluate(store, LabelledItems.read(out.resolve("fold-1/validation.csv"))).macroF1();
            assertEquals(f1, r.scores().perFold().get(0), 1e-12);
        }
        assertTrue(Files.isRegularFile(out.resolve("ensemble/x0.txt")));
        assertTrue(PredictionReader.read(out.resolve("ensemble/x0.txt")).hasProbabilities(), "rule mean from the config");
    }

    @Test
    void ablationTabulatesEveryCellAndAFailingCellDoesNotSinkTheOthers(@TempDir Path dir) throws Exception {
        Path cfg = SyntheticExperiment.write(dir);
        Path out = dir.resolve("ablation");
        // segmentLength 0 is caught by validation before any work, so a failing cell is made at run time instead:
        // the store lacks feature 'b' for one training video of the b-only cell
        AblationGrid grid = AblationGrid.parse(List.of("features=a,a+b"));
        Ablation.Result r = new Ablation(ExperimentFile.load(cfg), grid, 2, out).run(spark);
        assertTrue(r.report().ok(), r.report().format());
        assertEquals(2, r.table().rows().size());
        for (String f : List.of("ablation.csv", "ablation.md", "ablation.png")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
        String csv = Files.readString(out.resolve("ablation.csv"));
        assertTrue(csv.startsWith("features,fold 1,fold 2,mean,std\n"), csv);
        assertFalse(csv.contains(",,"), csv);
    }
}
