package org.affect4j.predict.recipe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipeConfigTest {
    private static final String AUDIO = "\"features\":[\"fbank\"],\"gate\":\"vad\",\"gateThreshold\":0.5,"
            + "\"halfWindowSeconds\":1.5,\"normalise\":\"centre\",\"hopSeconds\":0.25,\"trainActors\":[1,16],"
            + "\"validationActors\":[13,16],\"l2\":[1.0],\"balanced\":true";

    private static RecipeConfig load(Path dir, String audio) throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "{\"name\":\"t\",\"audio\":{" + audio + "},\"visualWeight\":1,\"audioWeight\":1,"
                + "\"smoothingSeconds\":0.5,\"threads\":1}");
        return RecipeConfig.load(f);
    }

    @Test
    void newVoiceKeysAreRead(@TempDir Path dir) throws Exception {
        RecipeConfig c = load(dir, AUDIO + ",\"functionals\":[\"mean\",\"std\",\"delta\"],\"span\":\"window\","
                + "\"augmentCopies\":2,\"augmentSeed\":5,\"augmentSpeedGainOnly\":true,\"testActors\":[17,20]");
        assertTrue(c.audio().augmentSpeedGainOnly());
        assertEquals(List.of("mean", "std", "delta"), c.audio().functionals());
        assertEquals("window", c.audio().span());
        assertEquals(2, c.audio().augmentCopies());
        assertEquals(5, c.audio().augmentSeed());
        assertEquals(List.of(17, 20), c.audio().testActors());
    }

    @Test
    void absentKeysKeepTheOldBehaviour(@TempDir Path dir) throws Exception {
        RecipeConfig c = load(dir, AUDIO);
        assertNull(c.audio().functionals());
        assertNull(c.audio().span());
        assertNull(c.audio().testActors(), "no test actors: validation-only run");
        assertEquals(0, c.audio().augmentCopies());
        assertEquals(org.affect4j.predict.model.WeightPrecision.FLOAT32, c.precision(), "weights as trained");
    }

    @Test
    void theWeightPrecisionIsOneOfTwoNames(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        String recipe = "{\"name\":\"t\",\"audio\":{" + AUDIO + "},\"visualWeight\":1,\"audioWeight\":1,"
                + "\"smoothingSeconds\":0.5,\"threads\":1,\"weightPrecision\":\"%s\"}";
        Files.writeString(f, recipe.formatted("int8"));
        assertEquals(org.affect4j.predict.model.WeightPrecision.INT8, RecipeConfig.load(f).precision());
        Files.writeString(f, recipe.formatted("float16"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertTrue(e.getMessage().contains("'weightPrecision'") && e.getMessage().contains("float16"), e.getMessage());
    }

    /**
     * The recipe goes through the one strict reader of config files (ConfigReader), as experiment files do: the same
     * messages for the same mistakes. Read by data binding before, a typo was reported by Java class name without the
     * key's path or a suggestion, a fraction in an integer key was rounded down without a word, and a missing fusion
     * weight became 0.
     */
    @Test
    void mistakesAreReportedAsForEveryOtherConfigFile(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(shippedRecipe());
        Path f = dir.resolve("r.json");
        Files.writeString(f, shipped.replace("\"maxShift\"", "\"maxShfit\""));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertEquals(f + ": unknown key 'visual.augmentation.maxShfit'; did you mean 'maxShift'? (known keys here: "
                + "maxRotationDegrees, maxScale, maxShift, blurProbability, maxGain, maxZoomIn)", typo.getMessage());
        Files.writeString(f, shipped.replace("\"members\": 3", "\"members\": 2.5"));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertEquals(f + ": key 'visual.mlp.members' must be an integer >= 1, got 2.5", fraction.getMessage());
        Files.writeString(f, shipped.replace("\"visualWeight\": 1.0,", ""));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertTrue(missing.getMessage().startsWith(f + ": key 'visualWeight' must be given"), missing.getMessage());
        Files.writeString(f, shipped.replace("\"visualWeight\"", "\"visualWieght\""));
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertEquals(f + ": key 'visualWeight' must be given (a number >= 0.0); the file has 'visualWieght': a misspelling?",
                misspelt.getMessage());
        Files.writeString(f, shipped.replace("\"threads\": 2", "\"threads\": \"two\""));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertEquals(f + ": key 'threads' must be an integer >= 1, got \"two\"", type.getMessage());
        Files.writeString(f, shipped.replace("\"trainActors\": [\n      1,\n      16\n    ]", "\"trainActors\": [16, 1]"));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertTrue(range.getMessage().contains("'audio.trainActors' must be a range of actor numbers [first, last]"),
                range.getMessage());
        Path none = dir.resolve("none.json");
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(none));
        assertEquals("config file " + none + " does not exist", absent.getMessage());
    }

    private static Path shippedRecipe() {
        Path p = Path.of("../configs/default-model.json");
        return Files.exists(p) ? p : Path.of("configs/default-model.json");
    }

    @Test
    void badValuesAreErrorsNamingTheKey(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"functionals\":[\"median\"]"));
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"span\":\"all\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"augmentCopies\":-1"));
        assertTrue(e.getMessage().contains("augmentCopies"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"augment\":1"));
    }

    private static final String ENCODER = ",\"encoder\":{\"stepRate\":25,\"seed\":1,\"model\":{\"type\":\"transformer\","
            + "\"segmentLength\":64,\"fusionDim\":16,\"head\":[],\"encoder\":{\"width\":8,\"layers\":1,\"heads\":2,"
            + "\"feedForward\":8}},\"training\":{\"epochs\":3,\"batchSize\":4%s}}";

    @Test
    void theVoiceEncoderIsReadWithTheExperimentFilesKeysAndCheckedAtOnce(@TempDir Path dir) throws Exception {
        RecipeConfig c = load(dir, AUDIO + String.format(ENCODER, ""));
        assertEquals(25, c.audio().encoder().stepRate());
        assertEquals(3, c.audio().encoder().training().path("epochs").asInt());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> load(dir, AUDIO + String.format(ENCODER, ",\"learningRat\":0.1")));
        assertTrue(typo.getMessage().contains("learningRat") && typo.getMessage().contains("audio.encoder"), typo.getMessage());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class,
                () -> load(dir, AUDIO + String.format(ENCODER, "").replace("\"head\":[]", "\"head\":[4]")));
        assertTrue(head.getMessage().contains("head"), head.getMessage());
    }

    @Test
    void theShippedRecipeLoads() {
        RecipeConfig c = RecipeConfig.load(shippedRecipe());
        assertTrue(c.audio() != null);
        assertEquals(10, c.audio().encoder().members(),
                "ten Transformer members (five were chosen over three on actors 13-16, 0.606 against 0.588; ten set before"
                        + " measuring, session 39)");
        assertEquals("segment", c.audio().encoder().training().path("loss").asText(),
                "the loss chosen on validation actors 13-16 (0.618 per file against 0.611 per step)");
        assertEquals("centre", c.audio().normalise());
        assertTrue(c.audio().shipAllActors());
        assertEquals(org.affect4j.predict.model.WeightPrecision.INT8, c.precision(),
                "8-bit weight matrices: the jar's model 5.0 MB instead of 17.3 (session 41)");
        // the data layout the recipe hard-coded before it was configurable: the same corpora, read the same way
        RecipeConfig.Data before = new RecipeConfig.Data(new RecipeConfig.Faces("fer2013", "train", "val", "test"),
                new RecipeConfig.Voices("ravdess", "labels.csv", "file", "actor", "label_index"));
        assertEquals(before, c.data());
        assertEquals(before, RecipeConfig.Data.DEFAULT, "absent keys take the same layout");
    }

    @Test
    void theDataLayoutIsReadStrictlyWithDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.json");
        Files.writeString(f, "{\"name\":\"t\",\"audio\":{" + AUDIO + "},\"visualWeight\":1,\"audioWeight\":1,"
                + "\"smoothingSeconds\":0.5,\"threads\":1,\"data\":{\"faces\":{\"folder\":\"corpora/affectnet\","
                + "\"validation\":\"dev\"},\"voices\":{\"labelColumn\":\"class\"}}}");
        RecipeConfig c = RecipeConfig.load(f);
        assertEquals(new RecipeConfig.Faces("corpora/affectnet", "train", "dev", "test"), c.data().faces());
        assertEquals(new RecipeConfig.Voices("ravdess", "labels.csv", "file", "actor", "class"), c.data().voices());
        assertEquals(RecipeConfig.Data.DEFAULT, load(dir, AUDIO).data());
        Files.writeString(f, Files.readString(f).replace("labelColumn", "labelColum"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecipeConfig.load(f));
        assertTrue(e.getMessage().contains("labelColum"), e.getMessage());
    }

    @Test
    void theVoiceListIsReadByColumnName(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "class,speaker,path,extra\n3,7,a/x.wav,q\n\n0,12,a/y.wav,r\n");
        List<String[]> rows = DefaultModelRecipe.voiceRows(csv, new RecipeConfig.Voices("c", "list.csv", "path", "speaker", "class"));
        assertEquals(2, rows.size());
        assertEquals(List.of("a/x.wav", "7", "3"), List.of(rows.get(0)));
        assertEquals(List.of("a/y.wav", "12", "0"), List.of(rows.get(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DefaultModelRecipe.voiceRows(csv, RecipeConfig.Voices.DEFAULT));
        assertTrue(e.getMessage().contains("no column 'file'"), e.getMessage());
    }
}
