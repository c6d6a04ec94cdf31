package org.affect4j.cli;

import org.affect4j.experiments.ExperimentFile;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example experiment files the README's ABAW workflow uses ({@code configs/lstm.json},
 * {@code configs/transformer.json}) load, carry the paper's settings (METHOD §3-4), point at the README's layout
 * (run from the repository root), ask only for features the README's {@code extract} command writes, and stay
 * valid when an ablation grid swaps the model type.
 */
class ExampleConfigsTest {
    @TempDir
    Path tmp;

    private static final Path ROOT = Path.of(System.getProperty("affect4j.root", "..")).toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "transformer"})
    void loadsWithThePapersSettingsAndTheReadmesPaths(String type) throws Exception {
        ExperimentConfig c = ExperimentConfigs.load(ROOT.resolve("configs/" + type + ".json"));
        assertEquals(type, c.model().type());
        assertEquals(128, c.model().segmentLength());
        assertEquals(0.3f, c.model().dropout());
        assertEquals(List.of(512, 256), c.model().head());
        if (type.equals("transformer")) {
            assertEquals(1024, c.model().encoder().get("width"));
            assertEquals(4, c.model().encoder().get("layers"));
            assertEquals(4, c.model().encoder().get("heads"));
            assertEquals(1024, c.model().encoder().get("feedForward"));
        }
        ExperimentConfig.Optimisation t = c.training();
        assertEquals(25, t.epochs());
        assertEquals(8, t.batchSize());
        assertEquals(1e-4, t.learningRate());
        assertEquals(1e-5, t.weightDecay());
        assertEquals(5.0, t.rdropAlpha());
        assertEquals(1e-5, t.learningRateAt(20), 1e-15, "x0.1 after 20 epochs");
        assertEquals(1e-4, t.learningRateAt(19), 1e-15);

        // relative paths resolve against configs/, so they name the README's folders under the repository root
        Path annotations = ROOT.resolve("Aff-Wild2/annotations/EXPR_Classification_Challenge");
        assertEquals(ROOT.resolve("store").toString(), c.data().store());
        assertEquals(annotations.resolve("Train_Set").toString(), c.data().train());
        assertEquals(annotations.resolve("Validation_Set").toString(), c.data().validation());

        List<String> extracted = readmeExtractFeatures();
        assertTrue(extracted.containsAll(c.features()), c.features() + " must be among the README's extract --features " + extracted);
    }

    /** The README's {@code ablate --grid model=lstm,transformer} swaps the model type; each type's encoder defaults apply. */
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "transformer"})
    void theModelTypeCanBeSwappedByAnAblationGrid(String type) {
        String other = type.equals("lstm") ? "transformer" : "lstm";
        Path swapped = ExperimentFile.load(ROOT.resolve("configs/" + type + ".json")).copy().set("model.type", other)
                .write(tmp.resolve(other + ".json"));
        assertEquals(other, ExperimentConfigs.load(swapped).model().type());
    }

    /** The {@code --features} list of the README's ABAW {@code extract} command. */
    private static List<String> readmeExtractFeatures() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = Pattern.compile("affect4j extract --corpus [^\\n]*\\n?[^\\n]*--features (\\S+)").matcher(readme);
        assertTrue(m.find(), "README.md has the ABAW extract command");
        return Arrays.asList(m.group(1).split(","));
    }
}
