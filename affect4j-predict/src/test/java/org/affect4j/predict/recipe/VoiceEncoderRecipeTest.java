package org.affect4j.predict.recipe;

import org.affect4j.data.Dominant;
import org.affect4j.data.ExprClass;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.TransformerNet;
import org.affect4j.predict.model.WeightPrecision;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recipe's voice branch end to end on real speech (four RAVDESS actors): the regression, and the temporal network
 * (a tiny one, two epochs; the research trainer runs three times: choose, two members measured). The per-file labels
 * the recipe reports for the test actor are exactly what {@code predict} says for each file.
 */
class VoiceEncoderRecipeTest {
    @TempDir
    Path tmp;

    private static final String ENCODER = ",\"encoder\": {\"stepRate\": 25, \"seed\": 7, \"members\": 2,"
            + " \"model\": {\"type\": \"transformer\", \"segmentLength\": 64, \"fusionDim\": 16, \"dropout\": 0.1,"
            + " \"head\": [], \"encoder\": {\"width\": 8, \"layers\": 1, \"heads\": 2, \"feedForward\": 16}},"
            + " \"training\": {\"epochs\": 2, \"batchSize\": 4, \"learningRate\": 0.001, \"rdropAlpha\": 0,"
            + " \"timeMasks\": 1, \"timeMaskSteps\": 4}}";


    @Test
    void theEncodersReportedTestLabelsArePredictsLabels() throws Exception {
        LateFusionModel model = buildAndCheck(ENCODER, "\"weightPrecision\": \"int8\",");
        assertEquals(2, model.spec().audio().encoder().nets().size(), "both members ship");
        // measured as shipped: the members the recipe scored are already on the 8-bit grid, and saved in 8 bits
        for (TransformerNet n : model.spec().audio().encoder().nets()) {
            TransformerNet again = WeightPrecision.INT8.apply(n, TransformerNet.class);
            assertArrayEquals(n.fusion().weight(), again.fusion().weight());
            assertArrayEquals(n.layers().get(0).linear1().weight(), again.layers().get(0).linear1().weight());
        }
        assertTrue(Files.readString(tmp.resolve("m.json")).contains("\"q8:"), "weight matrices in 8 bits");
        assertTrue(model.spec().description().get("voice branch").endsWith("; weight matrices stored in 8 bits"),
                model.spec().description().get("voice branch"));
        assertEquals("affect4j default: a voice mean of 2 Transformers, log-linear fusion, 0.5 s box smoothing",
                model.spec().description().get("model"), "the model line says what was built");
        assertTrue(model.spec().description().get("voice branch").contains("trained with the research trainer (frame loss,"
                        + " SpecAugment masks per segment: 1 time span of up to 4 steps)"),
                "the loss (absent key: per frame) and the masks are said: " + model.spec().description().get("voice branch"));
        // the Maven test configuration pins the engine's kernels, as the launcher does for build-default-model
        assertTrue(model.spec().description().get("voice branch").contains("; engine kernels ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2"
                + " ONEDNN_MAX_CPU_ISA=AVX2 (the same numbers on any x86-64 CPU with AVX2)"), "the kernels are said: "
                + model.spec().description().get("voice branch"));
    }

    @Test
    void theRegressionsReportedTestLabelsArePredictsLabels() throws Exception {
        LateFusionModel model = buildAndCheck("", "");
        assertTrue(model.spec().audio().head() != null && model.spec().audio().encoder() == null);
        assertTrue(model.spec().description().get("model").startsWith("affect4j default: a voice softmax regression,"),
                model.spec().description().get("model"));
    }

    @Test
    void aRebuildTrainsOnlyWhatIsMissingOrChanged() throws Exception {
        Path work = tmp.resolve("work");
        List<String> trained = new ArrayList<>();
        build(ENCODER, "", work, trained);
        Path first = work.resolve("voice-encoder/runs/measure-0/metrics.json");
        long written = Files.getLastModifiedTime(first).toMillis();

        // one member more: the finished runs on the same rows and settings are reused, only the new one trains
        List<String> log = new ArrayList<>();
        LateFusionModel three = build(ENCODER.replace("\"members\": 2", "\"members\": 3"), "", work, log);
        assertEquals(3, three.spec().audio().encoder().nets().size());
        for (String run : List.of("choose", "measure-0", "measure-1")) {
            assertTrue(log.stream().anyMatch(l -> l.startsWith("voice encoder: '" + run + "' reused")), run + " reused: " + log);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("voice encoder: training 'measure-2'")), "the new member trains: " + log);
        assertEquals(written, Files.getLastModifiedTime(first).toMillis(), "a reused run is not rewritten");
        assertEquals(chosen(trained), chosen(log), "a reused run reports the epoch and score it trained to");

        // an interrupted run (run.json not "finished") is continued from its last checkpoint, not restarted
        Path runJson = work.resolve("voice-encoder/runs/measure-1/run.json");
        Files.writeString(runJson, Files.readString(runJson).replaceFirst("\"status\"\\s*:\\s*\"finished\"", "\"status\":\"running\""));
        log.clear();
        build(ENCODER.replace("\"members\": 2", "\"members\": 3"), "", work, log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("voice encoder: resuming 'measure-1'")), "resumed: " + log);
        assertTrue(log.stream().noneMatch(l -> l.startsWith("voice encoder 'measure-1': epoch 1,")), "not restarted: " + log);

        // a finished run whose config.json the trainer would now resolve differently (older defaults) trains afresh
        Path kept = work.resolve("voice-encoder/runs/measure-0/config.json");
        Files.writeString(kept, Files.readString(kept).replaceFirst("\"batchSize\"\\s*:\\s*4", "\"batchSize\":5"));
        log.clear();
        build(ENCODER.replace("\"members\": 2", "\"members\": 3"), "", work, log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("voice encoder: training 'measure-0'")), "retrained: " + log);

        // another setting: nothing is reused
        log.clear();
        build(ENCODER.replace("\"learningRate\": 0.001", "\"learningRate\": 0.002"), "", work, log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("voice encoder: training 'choose'")), "changed settings retrain: " + log);
        assertTrue(log.stream().noneMatch(l -> l.contains("reused")), "nothing reused: " + log);
    }

    private static String chosen(List<String> log) {
        return log.stream().filter(l -> l.contains("epochs chosen")).findFirst().orElseThrow();
    }

    /** Builds the voice branch on four actors (voice keys {@code extra}, top-level keys {@code top} added) and checks the test labels it reports. */
    private LateFusionModel buildAndCheck(String extra, String top) throws Exception {
        Path work = tmp.resolve("work");
        LateFusionModel model = build(extra, top, work, new ArrayList<>());
        assertTrue(model.spec().description().get("voice branch, measured").contains("RAVDESS unseen actors [4, 4]"));
        Path saved = tmp.resolve("m.json");
        model.save(saved);
        List<String> reported = Files.readAllLines(work.resolve("voice-test-labels.csv"));
        assertEquals(8, reported.size(), "header and the test actor's 7 recordings");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().model(saved).threads(2).build()) {
            for (String row : reported.subList(1, reported.size())) {
                String[] f = row.split(",");
                ExpressionTrack t = r.predict(tmp.resolve("data/ravdess").resolve(f[0].substring("ravdess-".length()) + ".flac"),
                        ExtractionListener.NONE);
                int label = Dominant.of(t.predictions()).label();
                assertEquals(Integer.parseInt(f[2]), label < 0 ? ExprClass.OTHER.ordinal() : label, "predict's label of " + f[0]);
            }
        }
        return model;
    }

    /** The recipe's voice branch on four actors (voice keys {@code extra}, top-level keys {@code top} added), built in {@code work}, its lines logged. */
    private LateFusionModel build(String extra, String top, Path work, List<String> log) throws Exception {
        Path rav = Locations.data().map(d -> d.resolve("ravdess")).orElse(null);
        assumeTrue(rav != null && Files.isDirectory(rav), "RAVDESS not found (set -Daffect4j.data or AFFECT4J_DATA)");
        Path data = tmp.resolve("data/ravdess");
        if (!Files.isDirectory(data)) corpus(rav, data);
        Path recipe = tmp.resolve("r.json");
        Files.writeString(recipe, """
                {"name": "tiny", %s "visualWeight": 1, "audioWeight": 1, "smoothingSeconds": 0.5, "threads": 2,
                 "audio": {"features": ["fbank", "egemaps"], "gate": "vad", "gateThreshold": 0.5, "halfWindowSeconds": 0.75,
                   "normalise": "centre", "hopSeconds": 0.25, "trainActors": [1, 3], "validationActors": [3, 3],
                   "testActors": [4, 4], "l2": [1.0], "balanced": true, "shipAllActors": false%s}}
                """.formatted(top, extra));
        return new DefaultModelRecipe(RecipeConfig.load(recipe), tmp.resolve("data"), work, log::add).build();
    }

    /** Actors 1-4 of RAVDESS, the first recording of each class for each, linked into {@code data}. */
    private static void corpus(Path rav, Path data) throws Exception {
        Files.createDirectories(data);
        List<String> lines = Files.readAllLines(rav.resolve("labels.csv"));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        boolean[][] seen = new boolean[5][ExprClass.COUNT];
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            int actor = Integer.parseInt(f[1]);
            int label = Integer.parseInt(f[3]);
            if (actor > 4 || seen[actor][label]) continue;
            seen[actor][label] = true;
            kept.add(l);
            Files.createSymbolicLink(data.resolve(f[0]), rav.resolve(f[0]).toAbsolutePath());
        }
        Files.write(data.resolve("labels.csv"), kept);
    }
}
