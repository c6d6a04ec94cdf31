package org.affect4j.predict.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.ExprClass;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.Head;
import org.affect4j.predict.model.WeightPrecision;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The recipe's face branch on a few real FER2013 pictures: what it measures is what it ships. */
class FaceBranchRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anInt8RecipeMeasuresAndShipsTheRoundedHead() throws Exception {
        Path fer = Locations.data().map(d -> d.resolve("fer2013")).orElse(null);
        assumeTrue(fer != null && Files.isDirectory(fer.resolve("train")), "FER2013 not found (set -Daffect4j.data or AFFECT4J_DATA)");
        // four pictures of each of the seven classes in each split, laid out as the recipe's data.faces section says
        for (String split : List.of("train", "val", "test")) {
            for (int c = 0; c < ExprClass.OTHER.ordinal(); c++) {
                String cls = ExprClass.of(c).displayName();
                Path to = Files.createDirectories(tmp.resolve("data/fer/" + split + "/" + cls));
                try (Stream<Path> s = Files.list(fer.resolve(split).resolve(cls))) {
                    for (Path p : s.sorted().limit(4).toList()) Files.createSymbolicLink(to.resolve(p.getFileName()), p.toAbsolutePath());
                }
            }
        }
        Path recipe = tmp.resolve("r.json");
        Files.writeString(recipe, """
                {"name": "tiny", "weightPrecision": "int8", "visualWeight": 1, "audioWeight": 1, "smoothingSeconds": 0.5,
                 "threads": 2, "data": {"faces": {"folder": "fer"}},
                 "visual": {"features": ["faceapi-expr"], "augmentations": 0, "refit": false, "otherBudget": 0.05,
                   "mirrorStills": false, "mlp": {"hidden": [16], "epochs": 3, "learningRate": 0.01, "weightDecay": 0,
                   "dropout": 0, "batch": 16, "members": 2}}}
                """);
        List<String> log = new ArrayList<>();
        LateFusionModel model = new DefaultModelRecipe(RecipeConfig.load(recipe), tmp.resolve("data"),
                tmp.resolve("work"), log::add).build();
        Head head = model.spec().visual().head();
        String shipped = JSON.writeValueAsString(head);
        assertTrue(shipped.equals(JSON.writeValueAsString(WeightPrecision.INT8.apply(head, Head.class))),
                "the head the recipe measured is already on the 8-bit grid");
        assertTrue(model.spec().description().get("face branch").endsWith("; weight matrices stored in 8 bits"),
                model.spec().description().get("face branch"));
        assertTrue(model.spec().description().get("face branch, measured").startsWith("FER2013 test (28 images"),
                model.spec().description().get("face branch, measured"));
        Path saved = tmp.resolve("m.json");
        model.save(saved);
        assertTrue(Files.readString(saved).contains("\"q8:"), "saved in 8 bits");
        assertTrue(shipped.equals(JSON.writeValueAsString(LateFusionModel.load(Files.newInputStream(saved), "m").spec().visual().head())),
                "read back as measured");
        // the same recipe in float32 ships other numbers: the rounding is the recipe's, not an accident of the head
        Files.writeString(recipe, Files.readString(recipe).replace("\"int8\"", "\"float32\""));
        LateFusionModel f32 = new DefaultModelRecipe(RecipeConfig.load(recipe), tmp.resolve("data"),
                tmp.resolve("work"), log::add).build();
        assertFalse(shipped.equals(JSON.writeValueAsString(f32.spec().visual().head())), "float32 weights differ");
    }
}
