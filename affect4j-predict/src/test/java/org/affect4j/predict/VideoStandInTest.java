package org.affect4j.predict;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.StandIn;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default model reads video frames' {@code faceres} from {@code faceres-int8} (its stand-in) and pictures'
 * from {@code faceres} itself ({@link OnePathTest} pins the pictures to the recipe's exact rows).
 */
class VideoStandInTest {
    @TempDir
    Path tmp;

    @Test
    void theShippedModelReadsVideoFramesThroughTheInt8Net() throws Exception {
        Path hap = Path.of(System.getProperty("affect4j.root", "..")).resolve("examples/1001_DFA_HAP_XX.flv");
        assumeTrue(Files.isRegularFile(hap), "example clip not found at " + hap);
        LateFusionModel shipped = ExpressionModels.shipped();
        assertEquals(Map.of("faceres", "faceres-int8"), shipped.videoStandIns());
        MediaInput clip = new MediaInput("clip", MediaInput.Kind.VIDEO, hap);
        FramePredictions predicted = new Predictor(shipped, 2, 0).predict(clip, ExtractionListener.NONE, t -> { }).predictions();

        // the same head told to read faceres-int8 rows outright: the same numbers
        LateFusionModel.Spec s = shipped.spec();
        List<String> int8 = new ArrayList<>(s.visual().features());
        int8.set(int8.indexOf("faceres"), "faceres-int8");
        LateFusionModel readsInt8 = new LateFusionModel(new LateFusionModel.Spec(s.format(), s.name(), s.description(),
                new LateFusionModel.Visual(int8, s.visual().head(), s.visual().mirrorStills(), s.visual().stillMinScore()),
                s.audio(), s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), s.otherThreshold()));
        assertEquals(Map.of(), readsInt8.videoStandIns());
        FramePredictions outright = new Predictor(readsInt8, 2, 0).predict(clip, ExtractionListener.NONE, t -> { }).predictions();

        // and faceres' own rows (what extract writes into a store, at predict's stride): close, not the same
        FeatureStore store = new FeatureStore(tmp.resolve("exact"));
        List<String> features = new ArrayList<>(shipped.features());
        features.add(Predictor.VAD);
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.builder(features).threads(2)
                .faceEvery(shipped.faceEvery()).build())) {
            x.extract(clip, ExtractionListener.NONE);
        }
        FramePredictions exact = shipped.predict(store, "clip");

        assertEquals(outright.frames(), predicted.frames());
        double apart = 0;
        for (int i = 0; i < predicted.frames(); i++) {
            assertEquals(outright.label(i), predicted.label(i), "frame " + i);
            for (int c = 0; c < ExprClass.COUNT; c++) {
                assertEquals(outright.probability(i, c), predicted.probability(i, c), 1e-6, "frame " + i + ", class " + c);
                apart = Math.max(apart, Math.abs(exact.probability(i, c) - predicted.probability(i, c)));
            }
        }
        assertTrue(apart > 1e-4 && apart < 0.1, "int8 and float rows gave probabilities up to " + apart + " apart");
    }

    @Test
    void aStandInTakesTheFeaturesPlaceAndSaysSo() {
        try (FrameFeatureExtractor e = StandIn.open("faceres", Map.of("faceres", "faceres-int8"), 1);
             FrameFeatureExtractor own = StandIn.open("faceres", Map.of(), 1)) {
            assertEquals("faceres", e.id());
            assertEquals(1024, e.dimension());
            assertEquals("faceres-int8, in place of faceres", e.provenance().get("computedBy"));
            assertEquals("faceres", own.id());
            assertTrue(!own.provenance().containsKey("computedBy"), own.provenance().toString());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ExtractionOptions
                .builder(List.of("faceapi-expr")).standIns(Map.of("faceres", "faceres-int8")).build());
        assertTrue(bad.getMessage().contains("not among the features"), bad.getMessage());
    }
}
