package org.affect4j.experiments;

import org.affect4j.spark.ItemLists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertEquals(4, plan.items("", null, 1).size());
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
    }
}
