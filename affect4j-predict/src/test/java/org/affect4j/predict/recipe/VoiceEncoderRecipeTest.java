package org.affect4j.predict.recipe;

import org.affect4j.data.Dominant;
import org.affect4j.data.ExprClass;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.predict.ExpressionRecognizer;
import org.affect4j.predict.ExpressionTrack;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        LateFusionModel model = buildAndCheck(ENCODER);
        assertEquals(2, model.spec().audio().encoder().nets().size(), "both members ship");
        assertEquals("affect4j default: a voice mean of 2 Transformers, log-linear fusion, 0.5 s box smoothing",
                model.spec().description().get("model"), "the model line says what was built");
        assertTrue(model.spec().description().get("voice branch").contains("trained with the research trainer (frame loss,"
                        + " SpecAugment masks per segment: 1 time span of up to 4 steps)"),
                "the loss (absent key: per frame) and the masks are said: " + model.spec().description().get("voice branch"));
        // the Maven test configuration pins the engine's kernels, as the launcher does for build-default-model
        assertTrue(model.spec().description().get("voice branch").endsWith("; engine kernels ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2"
                + " ONEDNN_MAX_CPU_ISA=AVX2 (the same numbers on any x86-64 CPU with AVX2)"), "the kernels are said: "
                + model.spec().description().get("voice branch"));
    }

    @Test
    void theRegressionsReportedTestLabelsArePredictsLabels() throws Exception {
        LateFusionModel model = buildAndCheck("");
        assertTrue(model.spec().audio().head() != null && model.spec().audio().encoder() == null);
        assertTrue(model.spec().description().get("model").startsWith("affect4j default: a voice softmax regression,"),
                model.spec().description().get("model"));
    }

    /** Builds the voice branch on four actors (recipe keys {@code extra} added) and checks the test labels it reports. */
    private LateFusionModel buildAndCheck(String extra) throws Exception {
        Path rav = Locations.data().map(d -> d.resolve("ravdess")).orElse(null);
        assumeTrue(rav != null && Files.isDirectory(rav), "RAVDESS not found (set -Daffect4j.data or AFFECT4J_DATA)");
        // actors 1-4, the first recording of each class for each
        List<String> lines = Files.readAllLines(rav.resolve("labels.csv"));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        boolean[][] seen = new boolean[5][ExprClass.COUNT];
        Path data = Files.createDirectories(tmp.resolve("data/ravdess"));
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
        Path recipe = tmp.resolve("r.json");
        Files.writeString(recipe, """
                {"name": "tiny", "visualWeight": 1, "audioWeight": 1, "smoothingSeconds": 0.5, "threads": 2,
                 "audio": {"features": ["fbank", "egemaps"], "gate": "vad", "gateThreshold": 0.5, "halfWindowSeconds": 0.75,
                   "normalise": "centre", "hopSeconds": 0.25, "trainActors": [1, 3], "validationActors": [3, 3],
                   "testActors": [4, 4], "l2": [1.0], "balanced": true, "shipAllActors": false%s}}
                """.formatted(extra));
        Path work = tmp.resolve("work");
        LateFusionModel model = new DefaultModelRecipe(RecipeConfig.load(recipe), tmp.resolve("data"), work, s -> { }).build();
        assertTrue(model.spec().description().get("voice branch, measured").contains("RAVDESS unseen actors [4, 4]"));
        Path saved = tmp.resolve("m.json");
        model.save(saved);
        List<String> reported = Files.readAllLines(work.resolve("voice-test-labels.csv"));
        assertEquals(8, reported.size(), "header and the test actor's 7 recordings");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().model(saved).threads(2).build()) {
            for (String row : reported.subList(1, reported.size())) {
                String[] f = row.split(",");
                ExpressionTrack t = r.predict(data.resolve(f[0].substring("ravdess-".length()) + ".flac"), ExtractionListener.NONE);
                int label = Dominant.of(t.predictions()).label();
                assertEquals(Integer.parseInt(f[2]), label < 0 ? ExprClass.OTHER.ordinal() : label, "predict's label of " + f[0]);
            }
        }
        return model;
    }
}
