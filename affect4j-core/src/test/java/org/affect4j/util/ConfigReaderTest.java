package org.affect4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReaderTest {
    private static ConfigReader read(String json) throws Exception {
        return new ConfigReader(new ObjectMapper().readTree(json), "", "c.json");
    }

    @Test
    void aTypoIsAnErrorNamingTheKeyTheNearestKnownOneAndTheFile() throws Exception {
        ConfigReader r = read("{\"colur\": \"BGR\", \"size\": 112}");
        assertEquals("RGB", r.string("colour", "RGB"));
        assertEquals(112, r.integer("size", 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::finish);
        assertEquals("c.json: unknown key 'colur'; did you mean 'colour'? (known keys here: colour, size)", e.getMessage());
    }

    @Test
    void nestedKeysAreNamedByTheirPathAndFarMissesGetNoGuess() throws Exception {
        ConfigReader r = read("{\"state\": {\"input\": \"h\", \"zzzzzz\": 1}}");
        ConfigReader s = r.child("state");
        assertEquals("h", s.string("input", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, s::finish);
        assertEquals("c.json: unknown key 'state.zzzzzz' (known keys here: input)", e.getMessage());
    }

    @Test
    void aChoiceIsOneOfItsValuesOrTheDefault() throws Exception {
        ConfigReader r = read("{\"loss\": \"segment\", \"rule\": \"mode\"}");
        assertEquals("segment", r.oneOf("loss", "frame", List.of("frame", "segment")));
        assertNull(r.oneOf("absent", null, List.of("a")), "absent: the default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.oneOf("rule", null, List.of("vote", "mean")));
        assertEquals("c.json: key 'rule' must be one of vote, mean, got \"mode\"", e.getMessage());
        r.finish(); // every key was read
    }

    @Test
    void valuesAreCheckedByType() throws Exception {
        ConfigReader r = read("{\"n\": \"two\", \"shape\": [1, 2.5], \"mean\": 3, \"values\": [1, 2]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.integer("n", 0, 0)).getMessage()
                .contains("key 'n' must be an integer >= 0, got \"two\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.longs("shape")).getMessage().contains("'shape'"));
        assertArrayEquals(new float[] {3f}, r.floats("mean"));
        assertArrayEquals(new double[] {1, 2}, r.doubles("values"));
        assertNull(r.optionalString("input"));
        r.finish();
    }

    @Test
    void aFileThatIsNotAnObjectIsOneLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.json");
        Files.writeString(f, "[1, 2]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigReader.of(f)).getMessage()
                .endsWith("must hold an object at the top level"));
        Files.writeString(f, "{broken");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigReader.of(f)).getMessage()
                .startsWith("cannot read config " + f));
    }

    @Test
    void nearestFindsTyposOnly() {
        assertEquals("vote", ConfigReader.nearest("vot", List.of("vote", "mean")));
        assertEquals("mean", ConfigReader.nearest("MEAN", List.of("vote", "mean")));
        assertNull(ConfigReader.nearest("median", List.of("vote", "mean")));
    }
}
