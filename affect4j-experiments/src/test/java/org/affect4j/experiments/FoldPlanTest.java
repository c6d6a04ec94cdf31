package org.affect4j.experiments;

import org.affect4j.data.ExprAnnotations;
import org.affect4j.experiments.ItemLists;
import org.affect4j.experiments.TrainingItem;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.training.config.ExperimentConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fold lists and derived experiment files, without training. */
class FoldPlanTest {
    @Test
    void validationIsTheLastFoldAndVideosNeverStraddleFolds(@TempDir Path dir) throws Exception {
        FoldPlan plan = FoldPlan.write(ExperimentFile.load(SyntheticExperiment.write(dir)), 3, true, dir.resolve("cv"));
        assertEquals(3, plan.folds().size());
        assertEquals(List.of("v0", "v1", "v2"), plan.heldOut().get(2));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            FoldPlan.Fold f = plan.folds().get(i);
            List<String> val = ItemLists.names(f.dir().resolve("validation.csv"));
            List<String> train = ItemLists.names(f.dir().resolve("train.csv"));
            assertEquals(new HashSet<>(plan.heldOut().get(i)), new HashSet<>(val));
            assertEquals(11 - val.size(), train.size());
            assertTrue(val.contains("pair_left") == val.contains("pair_right"), "left/right split apart: " + val);
            for (String v : val) assertTrue(seen.add(v), v + " held out twice");
        }
        assertEquals(11, seen.size());
        assertEquals(11, ItemLists.names(plan.mix().dir().resolve("train.csv")).size());
        // longest first: the mix model (all 11 videos), then the folds by the size of their training lists
        List<TrainingItem> items = plan.items("", null, 1);
        assertEquals(4, items.size());
        assertEquals("mix", items.get(0).name());
        for (int i = 2; i < items.size(); i++) {
            assertTrue(Files.size(Path.of(items.get(i - 1).runDir()).resolveSibling("train.csv"))
                    >= Files.size(Path.of(items.get(i).runDir()).resolveSibling("train.csv")), "ordered by training list size");
        }
    }

    @Test
    void annotationFoldersGiveFoldFoldersWithCopiesOfTheFiles(@TempDir Path dir) throws Exception {
        Path trainSet = Files.createDirectories(dir.resolve("Train_Set")), valSet = Files.createDirectories(dir.resolve("Validation_Set"));
        for (String n : List.of("a", "b", "c", "pair_left", "pair_right")) ExprAnnotations.write(trainSet.resolve(n + ".txt"), new int[]{1, -1, 2});
        ExprAnnotations.write(valSet.resolve("v.txt"), new int[]{0, 4});
        Files.writeString(trainSet.resolve("README.md"), "not an annotation file");
        Path cfg = dir.resolve("exp.yaml");
        Files.writeString(cfg, "data: {store: store, train: Train_Set, validation: Validation_Set}\nfeatures: [a]\n");
        Path cv = dir.resolve("cv");
        FoldPlan plan = FoldPlan.write(ExperimentFile.load(cfg), 3, false, cv);
        Set<String> heldOut = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            FoldPlan.Fold f = plan.folds().get(i);
            List<String> val = ItemLists.names(f.dir().resolve("validation")), train = ItemLists.names(f.dir().resolve("train"));
            assertEquals(new HashSet<>(plan.heldOut().get(i)), new HashSet<>(val));
            assertEquals(6 - val.size(), train.size(), "every other file trains: " + train);
            assertTrue(val.contains("pair_left") == val.contains("pair_right"), "left/right split apart: " + val);
            heldOut.addAll(val);
            for (String n : val) {
                assertEquals(Files.readString((i == 2 ? valSet : trainSet).resolve(n + ".txt")),
                        Files.readString(f.dir().resolve("validation/" + n + ".txt")), "copied as it is");
            }
            assertEquals(f.dir().resolve("train").toString(), ExperimentConfigs.load(f.experiment()).data().train());
        }
        assertEquals(6, heldOut.size());
        // a CSV list beside a folder has no common form
        Files.writeString(dir.resolve("val.csv"), "name,label\nv,0\n");
        Files.writeString(cfg, "data: {store: store, train: Train_Set, validation: val.csv}\nfeatures: [a]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoldPlan.write(ExperimentFile.load(cfg), 3, false, dir.resolve("mixed")));
        assertTrue(e.getMessage().startsWith("cannot combine annotation folders and CSV lists"), e.getMessage());
    }

    @Test
    void badGridsAndFoldCountsAreRejected(@TempDir Path dir) throws Exception {
        ExperimentFile base = ExperimentFile.load(SyntheticExperiment.write(dir));
        assertThrows(IllegalArgumentException.class, () -> FoldPlan.write(base, 1, false, dir.resolve("x")));
        assertThrows(IllegalArgumentException.class, () -> AblationGrid.parse(List.of("features")));
        assertThrows(IllegalArgumentException.class, () -> AblationGrid.parse(List.of("model=lstm,", "x=1")));
        AblationGrid g = AblationGrid.parse(List.of("features=a,a+b", "model=lstm,transformer"));
        assertEquals(List.of("features", "model"), g.columns());
        assertEquals(4, g.cells().size());
        assertEquals("a+b_lstm", g.cells().get(2).id());
        // a misspelt grid key fails on its first cell, before the lists are read or a fold is written
        Files.delete(dir.resolve("train.csv"));
        AblationGrid typo = AblationGrid.parse(List.of("training.epochz=1,2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Ablation(base, typo, 2, dir.resolve("ab")).run(new org.affect4j.jobs.LocalRunner()));
        assertTrue(e.getMessage().startsWith("ablation cell 1: ") && e.getMessage().contains("unknown key 'training.epochz'"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("ab")));
    }

    @Test
    void ensembleSectionChoosesAveragingAndBadValuesFailBeforeAnyTraining(@TempDir Path dir) throws Exception {
        Path cfg = SyntheticExperiment.write(dir);
        String yaml = Files.readString(cfg).replace("epochs: 1,", "epochs: 3,");
        Files.writeString(cfg, yaml + "ensemble: {rule: mean, average: 2}\n");
        ExperimentFile base = ExperimentFile.load(cfg);
        assertEquals(new ExperimentFile.Ensemble("mean", 2), base.ensemble());
        FoldPlan plan = FoldPlan.write(base, 2, true, dir.resolve("cv"));
        FoldPlan.Fold fold = plan.folds().get(0);
        assertEquals(CheckpointChoice.averageLast(2), fold.checkpoint());
        assertEquals(CheckpointChoice.averageLast(2), plan.mix().checkpoint(), "the mix model averages too, instead of its last epoch");
        assertEquals(fold.dir().resolve("test-predictions-average-2"), fold.predictions());
        // the runs keep the epochs they average; the derived file is a plain experiment (no ensemble key)
        assertEquals(2, ExperimentConfigs.load(fold.experiment()).training().keepCheckpoints());
        TrainingItem first = plan.items("", null, 1).stream().filter(t -> t.name().equals(fold.name())).findFirst().orElseThrow();
        assertEquals("average-2", first.checkpoint());
        assertTrue(first.scoreFile().endsWith("validation-average-2.json"));

        // more epochs than trained: one message naming the file, before anything is written
        ExperimentFile tooMany = ExperimentFile.load(cfg).ensemble(new ExperimentFile.Ensemble(null, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FoldPlan.write(tooMany, 2, false, dir.resolve("bad")));
        assertEquals("checkpoint averaging of the last 4 epochs: " + cfg + " trains only 3 (training.epochs)", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("bad")));
        for (String section : List.of("{average: -1}", "{average: two}", "{rule: median}", "{averages: 2}", "3")) {
            Files.writeString(cfg, yaml + "ensemble: " + section + "\n");
            e = assertThrows(IllegalArgumentException.class, () -> ExperimentFile.load(cfg), section);
            assertTrue(e.getMessage().startsWith(cfg + ": ") && e.getMessage().contains("'ensemble"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CheckpointChoice.averageLast(0));
        assertEquals(CheckpointChoice.averageLast(3), CheckpointChoice.parse("average-3"));
        assertEquals(CheckpointChoice.LAST, CheckpointChoice.of(true, 0, null));
    }
}
