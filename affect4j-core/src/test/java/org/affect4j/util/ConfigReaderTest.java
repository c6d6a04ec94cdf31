package org.affect4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        String broken = assertThrows(IllegalArgumentException.class, () -> ConfigReader.of(f)).getMessage();
        assertTrue(broken.startsWith("config file " + f + " is not valid JSON: "), broken);
        assertFalse(broken.contains("\n"), broken);
        Path none = tmp.resolve("none.json");
        assertEquals("config file " + none + " does not exist",
                assertThrows(IllegalArgumentException.class, () -> ConfigReader.of(none)).getMessage());
    }

    @Test
    void requiredValuesAndListsOfAnyLength(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("r.json");
        Files.writeString(f, "{\"n\": 3, \"x\": 0.5, \"l\": [1, 2.5, 0], \"frac\": 1.5}");
        ConfigReader r = ConfigReader.of(f);
        assertEquals(3, r.integer("n", 1));
        assertEquals(0.5, r.number("x", 0, 1));
        assertEquals(List.of(1.0, 2.5, 0.0), r.numbers("l", 0));
        assertEquals(List.of(), r.numbers("absent", 0));
        assertEquals(f + ": key 'count' must be given (an integer >= 1)",
                assertThrows(IllegalArgumentException.class, () -> r.integer("count", 1)).getMessage());
        assertEquals(f + ": key 'ratio' must be given (a number in [0.0, 1.0])",
                assertThrows(IllegalArgumentException.class, () -> r.number("ratio", 0, 1)).getMessage());
        assertEquals(f + ": key 'nn' must be given (a number > 0); the file has 'n': a misspelling?",
                assertThrows(IllegalArgumentException.class, () -> r.number("nn", Double.MIN_VALUE, Double.MAX_VALUE))
                        .getMessage());
        assertEquals(f + ": key 'frac' must be an integer >= 1, got 1.5",
                assertThrows(IllegalArgumentException.class, () -> r.integer("frac", 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.numbers("l", 1)).getMessage()
                .contains("a list of numbers >= 1.0"));
        Files.writeString(f, "{\"part\": {\"size\": 2}, \"partz\": 1}");
        ConfigReader o = ConfigReader.of(f);
        Integer size = o.optional("part", c -> c.integer("size", 1));
        assertEquals(Integer.valueOf(2), size);
        assertNull(o.optional("absent", c -> c.integer("size", 1)));
        String typo = assertThrows(IllegalArgumentException.class, o::finish).getMessage();
        assertTrue(typo.contains("unknown key 'partz'") && typo.contains("known keys here: part, absent"), typo);
    }

    @Test
    void nearestFindsTyposOnly() {
        assertEquals("vote", ConfigReader.nearest("vot", List.of("vote", "mean")));
        assertEquals("mean", ConfigReader.nearest("MEAN", List.of("vote", "mean")));
        assertNull(ConfigReader.nearest("median", List.of("vote", "mean")));
    }
}
