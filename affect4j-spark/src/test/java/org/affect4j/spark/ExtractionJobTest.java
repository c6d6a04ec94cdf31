package org.affect4j.spark;

import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.Outcome;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.jobs.WorkItems;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extraction over real CREMA-D clips with a corrupt file among them, on local[2]. The audio feature {@code fbank}
 * keeps it quick (no face models needed); skipped when the development data is absent.
 */
class ExtractionJobTest {
    private static final List<String> FEATURES = List.of("fbank");
    private static SparkRunner spark;
    private static Path clips;

    @BeforeAll
    static void start() {
        clips = CremaClips.folder();
        spark = new SparkRunner(SparkOptions.local("affect4j-extraction-test").withMaster("local[2]"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.close();
    }

    /** Three real clips and one file of random bytes with a video extension. */
    private static Path inputs(Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("videos"));
        for (String n : List.of("1001_DFA_ANG_XX", "1001_DFA_HAP_XX", "1001_DFA_SAD_XX")) {
            Files.copy(clips.resolve(n + ".flv"), in.resolve(n + ".flv"));
        }
        byte[] junk = new byte[40_000];
        new Random(7).nextBytes(junk);
        Files.write(in.resolve("corrupt_clip.flv"), junk);
        return in;
    }

    @Test
    void aCorruptVideoFailsAloneByNameAndARerunRedoesOnlyIt(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        List<ExtractionItem> items = ExtractionJob.items(List.of(inputs(dir)), StoreLocation.of(store), FEATURES, "blazeface", 2);
        assertEquals(4, items.size());

        JobReport first = spark.run(items);
        assertEquals(List.of("corrupt_clip"), first.failures().stream().map(Outcome::name).toList(), first.format());
        assertEquals(3, first.count(Outcome.Status.DONE));
        FeatureStore s = new FeatureStore(store);
        assertEquals(List.of("1001_DFA_ANG_XX", "1001_DFA_HAP_XX", "1001_DFA_SAD_XX"), s.videos("fbank"));
        assertFalse(first.failures().get(0).reason().isBlank());

        JobReport second = spark.run(items);
        assertEquals(3, second.count(Outcome.Status.SKIPPED), second.format());
        assertEquals(List.of("corrupt_clip"), second.failures().stream().map(Outcome::name).toList());
    }

    @Test
    void sparkWritesWhatTheSingleProcessExtractionWrites(@TempDir Path dir) throws Exception {
        Path clip = clips.resolve("1001_DFA_NEU_XX.flv");
        Path viaSpark = dir.resolve("spark"), direct = dir.resolve("direct");
        JobReport r = spark.run(ExtractionJob.items(List.of(clip), StoreLocation.of(viaSpark), FEATURES, "blazeface", 2));
        assertTrue(r.ok(), r.format());
        try (VideoExtraction x = new VideoExtraction(new FeatureStore(direct), ExtractionOptions.of(FEATURES, 1))) {
            x.extract(MediaInput.resolve(clip).get(0), ExtractionListener.NONE);
        }
        var a = new FeatureStore(viaSpark).get("fbank", "1001_DFA_NEU_XX");
        var b = new FeatureStore(direct).get("fbank", "1001_DFA_NEU_XX");
        assertEquals(b.rows(), a.rows());
        assertArrayEquals(b.data(), a.data());
        assertArrayEquals(b.valid(), a.valid());
    }

    @Test
    void planningRejectsMissingInputsAndClashingNames(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store");
        assertThrows(IllegalArgumentException.class,
                () -> ExtractionJob.items(List.of(dir.resolve("nope")), StoreLocation.of(store), FEATURES, "blazeface", 1));
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Files.copy(clips.resolve("1001_DFA_ANG_XX.flv"), a.resolve("x.flv"));
        Files.copy(clips.resolve("1001_DFA_ANG_XX.flv"), b.resolve("x.mp4"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ExtractionJob.items(List.of(a, b), StoreLocation.of(store), FEATURES, "blazeface", 1));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void corpusItemsNameLeftAndRightFilesLikeTheirAnnotationOnTheSameVideo(@TempDir Path dir) throws Exception {
        Path valSet = Files.createDirectories(dir.resolve("annotations/Validation_Set")), videos = Files.createDirectories(dir.resolve("videos"));
        Files.copy(clips.resolve("1001_DFA_ANG_XX.flv"), videos.resolve("v1.flv"));
        for (String n : List.of("v1_left", "v1_right")) Files.writeString(valSet.resolve(n + ".txt"), "Neutral,Anger\n1\n");
        Path store = dir.resolve("store");
        List<ExtractionItem> items = ExtractionJob.corpusItems(dir.resolve("annotations"), videos, StoreLocation.of(store), FEATURES, "blazeface", 1);
        assertEquals(List.of("v1_left", "v1_right"), items.stream().map(ExtractionItem::name).sorted().toList());
        Outcome left = WorkItems.execute(items.get(0));
        assertEquals(Outcome.Status.DONE, left.status(), left.reason());
        assertTrue(items.get(0).isDone(), "the store entry carries the side's name");
        assertFalse(items.get(1).isDone());
        Files.writeString(valSet.resolve("v2.txt"), "Neutral\n0\n");
        assertThrows(org.affect4j.data.DataFormatException.class,
                () -> ExtractionJob.corpusItems(dir.resolve("annotations"), videos, StoreLocation.of(store), FEATURES, "blazeface", 1));
    }
}
