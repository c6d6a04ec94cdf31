package org.affect4j.spark;

import org.affect4j.experiments.RunFiles;
import org.affect4j.experiments.TrainingItem;
import org.affect4j.jobs.JobReport;
import org.affect4j.jobs.Outcome;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feature store on another Hadoop file system ({@code testfs://}, the local disk seen only through Hadoop, see
 * {@link TestSchemeFileSystem}): Spark extraction publishes into it, training on Spark reads from it, and both give
 * what the local store gives. Real CREMA-D clips, audio feature {@code fbank}.
 */
class RemoteStoreTest {
    private static final List<String> FEATURES = List.of("fbank");
    private static final List<String> CLIPS = List.of("1001_DFA_ANG_XX", "1001_DFA_DIS_XX", "1001_DFA_FEA_XX",
            "1001_DFA_HAP_XX", "1001_DFA_NEU_XX", "1001_DFA_SAD_XX");
    private static SparkRunner spark;
    private static Path clips;

    @BeforeAll
    static void start() {
        clips = CremaClips.folder();
        spark = new SparkRunner(SparkOptions.local("affect4j-remote-store-test").withMaster("local[2]"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.close();
    }

    @Test
    void extractionPublishesIntoAndTrainingReadsFromAStoreOnAnotherHadoopFileSystem(@TempDir Path dir) throws Exception {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        for (String n : CLIPS) Files.copy(clips.resolve(n + ".flv"), videos.resolve(n + ".flv"));
        Path folder = dir.resolve("remote-store");
        String uri = "testfs://" + folder.toAbsolutePath();
        assertTrue(RemoteStores.isRemote(uri) && !RemoteStores.isRemote(folder.toString()) && !RemoteStores.isRemote("file://" + folder));

        // ---- extraction: every file lands in the local store layout, no temporary file is left
        List<ExtractionItem> items = ExtractionJob.items(List.of(videos), uri, FEATURES, "blazeface", 1);
        assertTrue(items.stream().noneMatch(ExtractionItem::isDone));
        JobReport first = spark.run(items);
        assertTrue(first.ok(), first.format());
        FeatureStore published = new FeatureStore(folder);
        assertEquals(CLIPS, published.videos("fbank"));
        assertEquals(CLIPS, published.videos());
        try (Stream<Path> files = Files.walk(folder)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary files");
        }
        Path direct = dir.resolve("direct");
        try (VideoExtraction x = new VideoExtraction(new FeatureStore(direct), ExtractionOptions.of(FEATURES, 1))) {
            x.extract(MediaInput.resolve(videos.resolve(CLIPS.get(0) + ".flv")).get(0), ExtractionListener.NONE);
        }
        FeatureMatrix a = published.get("fbank", CLIPS.get(0)), b = new FeatureStore(direct).get("fbank", CLIPS.get(0));
        assertArrayEquals(b.data(), a.data());
        assertArrayEquals(b.valid(), a.valid());

        // a rerun skips everything; a matrix whose mask is gone is not done and is published again
        assertEquals(CLIPS.size(), spark.run(items).count(Outcome.Status.SKIPPED));
        Files.delete(folder.resolve("fbank/" + CLIPS.get(2) + ".mask.npy"));
        assertFalse(items.get(2).isDone());
        JobReport again = spark.run(items);
        assertEquals(1, again.count(Outcome.Status.DONE), again.format());
        assertTrue(published.has("fbank", CLIPS.get(2)));

        // ---- training on Spark from the remote store = training in this process from the same files on disk
        Files.writeString(dir.resolve("train.csv"), "name,label\n1001_DFA_ANG_XX,1\n1001_DFA_DIS_XX,2\n1001_DFA_FEA_XX,3\n1001_DFA_HAP_XX,4\n");
        Files.writeString(dir.resolve("val.csv"), "name,label\n1001_DFA_NEU_XX,0\n1001_DFA_SAD_XX,5\n");
        Path remoteConfig = writeConfig(dir.resolve("remote.json"), uri);
        Path localConfig = writeConfig(dir.resolve("local.json"), folder.toString());
        TrainingItem item = new TrainingItem("remote", StoreLocation.of(remoteConfig), StoreLocation.of(dir.resolve("runs/remote")),
                null, null, "best", null, 1);
        JobReport trained = spark.run(List.of(item));
        assertTrue(trained.ok(), trained.format());
        Training.run(localConfig, dir.resolve("runs/local"), TrainingListener.NONE);
        assertEquals(RunFiles.metricsWithoutTimes(dir.resolve("runs/local")), RunFiles.metricsWithoutTimes(dir.resolve("runs/remote")));
    }

    private static Path writeConfig(Path file, String store) throws Exception {
        Files.writeString(file, """
                {"name": "remote-store", "seed": 5,
                 "data": {"store": "%s", "train": "train.csv", "validation": "val.csv"},
                 "features": ["fbank"],
                 "model": {"type": "lstm", "segmentLength": 32, "fusionDim": 16, "head": [16], "encoder": {"hidden": 16, "layers": 1}},
                 "training": {"epochs": 2, "batchSize": 2}}
                """.formatted(store));
        return file;
    }
}
