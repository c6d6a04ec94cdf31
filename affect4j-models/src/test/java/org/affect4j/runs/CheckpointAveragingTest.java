package org.affect4j.runs;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.affect4j.eval.Evaluation;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.inference.RunPredictor;
import org.affect4j.models.ExpressionNet;
import org.affect4j.runs.CheckpointAveraging;
import org.affect4j.runs.Checkpoints;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.SyntheticStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint averaging on a 3-epoch synthetic run that keeps all its epoch checkpoints. */
class CheckpointAveragingTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        SyntheticStore.write(dir, 12, 4);
        Path cfg = SyntheticStore.config(dir, "lstm", ", \"epochs\": 3, \"maxStepsPerEpoch\": 2, \"keepCheckpoints\": 3");
        run = dir.resolve("run");
        Training.run(cfg, run, TrainingListener.NONE);
    }

    @Test
    void keepsTheRequestedEpochsAndValidatesTheKey() throws Exception {
        for (int e = 1; e <= 3; e++) {
            assertTrue(Files.isDirectory(run.resolve(String.format("checkpoints/epoch-%04d", e))), "epoch " + e + " kept");
        }
        Path bad = Files.move(SyntheticStore.config(dir, "lstm", ", \"keepCheckpoints\": -1"), dir.resolve("bad.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfigs.load(bad));
        assertTrue(e.getMessage().contains("training.keepCheckpoints"), e.getMessage());
    }

    @Test
    void averageOfTwoIsTheElementWiseMean() {
        Path avg = CheckpointAveraging.average(run, List.of(3, 2));
        assertEquals("average-0002-0003", avg.getFileName().toString());
        List<float[]> a = params(run.resolve("checkpoints/epoch-0002"));
        List<float[]> b = params(run.resolve("checkpoints/epoch-0003"));
        List<float[]> m = params(avg);
        assertEquals(a.size(), m.size());
        boolean differ = false;
        for (int i = 0; i < m.size(); i++) {
            for (int j = 0; j < m.get(i).length; j++) {
                assertEquals((a.get(i)[j] + (double) b.get(i)[j]) / 2, m.get(i)[j], 1e-6);
                differ |= a.get(i)[j] != b.get(i)[j];
            }
        }
        assertTrue(differ, "the two epochs differ, so the test means something");
        // a second average of the same epochs replaces the folder and leaves no temporary folder behind
        assertEquals(avg, CheckpointAveraging.average(run, List.of(2, 3)));
        assertFalse(run.resolve("checkpoints").toFile().list((d, n) -> n.startsWith(".tmp-")).length > 0);
    }

    @Test
    void averageOfOneIsTheCheckpointAndLoadsForPrediction() throws Exception {
        Path avg = CheckpointAveraging.averageLast(run, 1);
        assertEquals("average-0003", avg.getFileName().toString());
        List<float[]> last = params(run.resolve("checkpoints/epoch-0003"));
        List<float[]> m = params(avg);
        for (int i = 0; i < m.size(); i++) assertArrayEquals(last.get(i), m.get(i), 1e-6f);

        FeatureStore store = new FeatureStore(dir.resolve("store"));
        List<LabelledItem> val = LabelledItems.read(dir.resolve("val.csv"));
        Evaluation lastEval;
        try (RunPredictor p = RunPredictor.load(run, true)) {
            lastEval = p.evaluate(store, val);
        }
        try (RunPredictor p = RunPredictor.load(run, "average-0003")) {
            assertEquals(avg, p.checkpoint());
            assertEquals(lastEval.macroF1(), p.evaluate(store, val).macroF1(), 1e-9);
        }
        try (RunPredictor p = RunPredictor.loadAveraged(run, 3)) {
            assertEquals("average-0001-0002-0003", p.checkpoint().getFileName().toString());
            assertTrue(Double.isFinite(p.evaluate(store, val).macroF1()));
        }
        // a run made when averaged folders were called averaged-NNNN still loads them
        Path legacy = Files.move(avg, avg.resolveSibling("averaged-0003"));
        try (RunPredictor p = RunPredictor.load(run, "averaged-0003")) {
            assertEquals(legacy, p.checkpoint());
        } finally {
            Files.move(legacy, avg);
        }
    }

    @Test
    void averageKAndAveragedFoldersReadApart() {
        assertEquals(CheckpointChoice.averageLast(3), CheckpointChoice.parse("average-3"));
        assertEquals(CheckpointChoice.averageLast(12), CheckpointChoice.parse("average-12"));
        assertEquals(new CheckpointChoice("average-0003", 0), CheckpointChoice.parse("average-0003"), "epoch 3 averaged alone");
        assertEquals(new CheckpointChoice("average-0006-0007", 0), CheckpointChoice.parse("average-0006-0007"));
        assertEquals("average-3", CheckpointChoice.averageLast(3).toString());
        assertEquals("average-0006-0007", Checkpoints.averagedName(List.of(6, 7)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointChoice.parse("average-x"));
        assertTrue(e.getMessage().contains("neither average-K"), e.getMessage());
    }

    @Test
    void missingEpochsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAveraging.average(run, List.of(2, 7)));
        assertTrue(e.getMessage().contains("epoch(s) [7]") && e.getMessage().contains("keepCheckpoints"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointAveraging.averageLast(run, 4));
        assertTrue(e.getMessage().contains("only 3 epoch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointAveraging.averageLast(run, 0));
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunPredictor.load(run, "average-0009"));
        assertTrue(e.getMessage().contains("no checkpoint average-0009"), e.getMessage());
    }

    @Test
    void aRunWithoutKeepCheckpointsKeepsOnlyBestAndLast() throws Exception {
        Path cfg = Files.move(SyntheticStore.config(dir, "lstm", ", \"epochs\": 3, \"maxStepsPerEpoch\": 1"),
                dir.resolve("plain.json"));
        Path plain = dir.resolve("plain-run");
        Training.run(cfg, plain, TrainingListener.NONE);
        Checkpoints cps = new Checkpoints(plain);
        List<Integer> kept = cps.epochs();
        assertTrue(kept.size() <= 2 && kept.contains(3), kept.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointAveraging.averageLast(plain, 3));
        assertTrue(e.getMessage().contains("no checkpoint for epoch(s) [") && e.getMessage().contains("keepCheckpoints"),
                e.getMessage());
    }

    /** The parameters of a checkpoint folder, in the network's order. */
    private static List<float[]> params(Path folder) {
        ExperimentConfig config = ExperimentConfigs.load(run.resolve("config.json"));
        List<float[]> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            ExpressionNet net = new ExpressionNet(Checkpoints.inputSize(folder), config.model());
            Checkpoints.loadModel(folder, net, manager);
            for (Pair<String, Parameter> p : net.getParameters()) out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
