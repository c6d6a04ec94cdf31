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
    }

    @Test
    void badValuesAreErrorsNamingTheKey(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"functionals\":[\"median\"]"));
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"span\":\"all\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"augmentCopies\":-1"));
        assertTrue(e.getMessage().contains("augmentCopies"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load(dir, AUDIO + ",\"augment\":1"));
    }

    @Test
    void theShippedRecipeLoads() {
        Path p = Path.of("../configs/default-model.json");
        if (!Files.exists(p)) p = Path.of("configs/default-model.json");
        RecipeConfig c = RecipeConfig.load(p);
        assertTrue(c.audio() != null);
    }
}
