package org.affect4j.predict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompiledModelsTest {
    @TempDir
    Path tmp;

    private static byte[] saved(LateFusionModel m, Path file) throws IOException {
        m.save(file);
        return Files.readAllBytes(file);
    }

    private List<Path> copies(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void theCompiledCopyGivesTheSourcesArraysBitForBitAndIsReadInsteadOfTheSource() throws IOException {
        // the shipped model (8-bit perceptrons and Transformers) and one with a linear head (float64 weights)
        for (LateFusionModel model : List.of(ExpressionModels.shipped(), TestModels.withRegressionVoice())) {
            Path source = tmp.resolve(model.name().replace(' ', '_') + ".json");
            byte[] expected = saved(model, source);
            Path dir = tmp.resolve("cache-" + model.name().replace(' ', '_'));
            CompiledModels.Source s = CompiledModels.ofFile(source);
            LateFusionModel first = CompiledModels.load(s, "m", dir);
            assertArrayEquals(expected, saved(first, tmp.resolve("first.json")));
            assertEquals(1, copies(dir).size());
            String copy = new String(Files.readAllBytes(copies(dir).get(0)), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(java.util.regex.Pattern.compile("[A-Za-z0-9+/]{200}").matcher(copy).find(),
                    "the weights are binary, not base64 (nor 8-bit blocks, which would be decoded at every start)");

            // the source spoilt at the same size and time: only the copy can give the model now
            FileTime time = Files.getLastModifiedTime(source);
            Files.write(source, new byte[expected.length]);
            Files.setLastModifiedTime(source, time);
            LateFusionModel second = CompiledModels.load(CompiledModels.ofFile(source), "m", dir);
            assertArrayEquals(expected, saved(second, tmp.resolve("second.json")));
        }
    }

    @Test
    void anEditedSourceIsCompiledAgainBesideThePreviousVersionAndTwoVersionsAlternateWithoutRecompiling() throws IOException {
        Path source = tmp.resolve("model.json");
        LateFusionModel model = ExpressionModels.shipped();
        saved(model, source);
        Path dir = tmp.resolve("cache");
        CompiledModels.load(CompiledModels.ofFile(source), "m", dir);
        Path oldCopy = copies(dir).get(0);
        String original = Files.readString(source);
        FileTime originalTime = Files.getLastModifiedTime(source);

        String edited = Files.readString(source).replace("\"name\" : \"default\"", "\"name\" : \"edited\"");
        Files.writeString(source, edited);
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 5000));
        LateFusionModel again = CompiledModels.load(CompiledModels.ofFile(source), "m", dir);
        assertEquals("edited", again.name());
        assertEquals(2, copies(dir).size(), "the new version's copy beside the previous one's");
        assertTrue(copies(dir).contains(oldCopy), "the previous version is kept");

        // two versions used in turn (two builds) read their own copies: nothing is compiled again
        Path newCopy = copies(dir).stream().filter(p -> !p.equals(oldCopy)).findFirst().orElseThrow();
        Files.writeString(source, original);
        Files.setLastModifiedTime(source, originalTime);
        FileTime oldWritten = Files.getLastModifiedTime(oldCopy), newWritten = Files.getLastModifiedTime(newCopy);
        assertEquals("default", CompiledModels.load(CompiledModels.ofFile(source), "m", dir).name());
        assertEquals(oldWritten, Files.getLastModifiedTime(oldCopy), "the first version's copy is read, not written");
        assertEquals(newWritten, Files.getLastModifiedTime(newCopy), "the other version's copy stays");

        // a third version replaces the older of the two
        Files.writeString(source, edited.replace("\"name\" : \"edited\"", "\"name\" : \"third\""));
        Files.setLastModifiedTime(source, FileTime.fromMillis(originalTime.toMillis() + 10000));
        assertEquals("third", CompiledModels.load(CompiledModels.ofFile(source), "m", dir).name());
        assertEquals(2, copies(dir).size());
        assertTrue(copies(dir).contains(newCopy) && !copies(dir).contains(oldCopy), "the oldest version's copy went");
    }

    @Test
    void aDamagedCopyIsReadFromTheSourceAndWrittenAgain() throws IOException {
        Path source = tmp.resolve("model.json");
        byte[] expected = saved(ExpressionModels.shipped(), source);
        Path dir = tmp.resolve("cache");
        CompiledModels.load(CompiledModels.ofFile(source), "m", dir);
        Path copy = copies(dir).get(0);
        long size = Files.size(copy);
        byte[] half = java.util.Arrays.copyOf(Files.readAllBytes(copy), (int) (size / 2));
        Files.write(copy, half);
        LateFusionModel m = CompiledModels.load(CompiledModels.ofFile(source), "m", dir);
        assertArrayEquals(expected, saved(m, tmp.resolve("out.json")));
        assertEquals(size, Files.size(copy));
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsTheSaving() throws IOException {
        Path source = tmp.resolve("model.json");
        byte[] expected = saved(ExpressionModels.shipped(), source);
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        LateFusionModel m = CompiledModels.load(CompiledModels.ofFile(source), "m", notADir.resolve("cache"));
        assertArrayEquals(expected, saved(m, tmp.resolve("out.json")));
    }

    @Test
    void theFolderKeepsOnlyTheNewestCopiesHoweverManyModelFilesAreRead() throws IOException {
        LateFusionModel.Spec s = TestModels.withRegressionVoice().spec();
        Path dir = tmp.resolve("cache");
        Path last = null;
        for (int i = 0; i < CompiledModels.KEEP + 4; i++) {
            // a small model (the voice branch alone), one file each, written in turn
            last = tmp.resolve("m" + i + ".json");
            new LateFusionModel(new LateFusionModel.Spec(s.format(), "m" + i, s.description(), null, s.audio(),
                    s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), 0)).save(last);
            CompiledModels.load(CompiledModels.ofFile(last), "m", dir);
        }
        assertEquals(CompiledModels.KEEP, copies(dir).size());
        String newest = last.getFileName().toString().replace(".json", "-");
        assertTrue(copies(dir).stream().anyMatch(p -> p.getFileName().toString().startsWith(newest)), "the newest copy is kept");
    }

    @Test
    void aReferenceOutsideACompiledModelIsAnError() throws IOException {
        Path source = tmp.resolve("model.json");
        saved(ExpressionModels.shipped(), source);
        String text = Files.readString(source, StandardCharsets.UTF_8).replaceFirst("\"mean\" : \"[^\"]+\"", "\"mean\" : \"@0:4\"");
        var e = assertThrows(IllegalArgumentException.class,
                () -> LateFusionModel.load(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json is not a readable model file"), e.getMessage());
    }

    @Test
    void theTestsCompileIntoTheirOwnFolderNotTheUsersCache() {
        // the suite's model files would otherwise push the shipped model's copy out of the user's cache
        assertTrue(CompiledModels.cacheDir().startsWith(Path.of("target").toAbsolutePath()), CompiledModels.cacheDir().toString());
        assertFalse(CompiledModels.cacheDir().startsWith(org.affect4j.util.Locations.models()));
    }
}
