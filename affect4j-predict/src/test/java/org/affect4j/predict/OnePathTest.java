package org.affect4j.predict;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.RgbImage;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.data.Images;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one-path rule of the default model: the rows its recipe trains and scores on are the rows {@code predict}
 * computes for the same picture, and the probabilities {@code predict} reports are the model's on those rows.
 */
class OnePathTest {
    /** ONNX Runtime may pick other kernels for another batch size: rows agree to float rounding, not bit for bit. */
    private static final float ROW_TOLERANCE = 1e-5f;

    @TempDir
    Path tmp;

    @Test
    void recipeRowsOfPicturesAreThePredictRows() throws IOException {
        List<Path> pictures = ferPictures();
        LateFusionModel model = ExpressionModels.shipped();
        List<String> features = model.spec().visual().features();
        List<RgbImage> images = new ArrayList<>();
        for (Path p : pictures) images.add(Images.read(p));
        Map<String, FeatureMatrix> recipe;
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.of(features, 2))) {
            recipe = x.stillImages(images);
            for (Path p : pictures) x.extract(MediaInput.resolve(p).get(0), ExtractionListener.NONE);
        }
        for (int i = 0; i < pictures.size(); i++) {
            String name = MediaInput.resolve(pictures.get(i)).get(0).name();
            for (String f : recipe.keySet()) {
                FeatureMatrix one = store.get(f, name);
                assertEquals(1, one.rows(), f + " of " + name);
                assertEquals(recipe.get(f).isValid(i), one.isValid(0), "face found in " + name);
                assertTrue(one.isValid(0), "a face in " + name);
                assertArrayEquals(one.row(0), recipe.get(f).row(i), ROW_TOLERANCE, f + " of " + name);
            }
        }
    }

    @Test
    void predictReportsTheModelsProbabilitiesForThoseRows() throws IOException {
        List<Path> pictures = ferPictures();
        LateFusionModel shipped = ExpressionModels.shipped();
        List<String> features = shipped.spec().visual().features();
        Map<String, FeatureMatrix> recipe, recipeMirrored;
        List<RgbImage> images = new ArrayList<>(), mirrored = new ArrayList<>();
        for (Path p : pictures) {
            images.add(Images.read(p));
            mirrored.add(Images.mirror(images.get(images.size() - 1)));
        }
        try (VideoExtraction x = new VideoExtraction(new FeatureStore(tmp.resolve("recipe")), ExtractionOptions.of(features, 2))) {
            recipe = x.stillImages(images);
            recipeMirrored = x.stillImages(mirrored);
        }
        // the shipped model with and without test-time mirroring: both paths are pinned
        double moved = 0;
        for (boolean mirror : new boolean[] {false, true}) {
            LateFusionModel.Spec s = shipped.spec();
            LateFusionModel model = new LateFusionModel(new LateFusionModel.Spec(s.format(), s.name(), s.description(),
                    new LateFusionModel.Visual(features, s.visual().head(), mirror, s.visual().stillMinScore()), s.audio(), s.visualWeight(),
                    s.audioWeight(), s.smoothingSeconds(), s.otherThreshold()));
            Predictor predictor = new Predictor(model, 2, 0);
            for (int i = 0; i < pictures.size(); i++) {
                ExpressionTrack track = predictor.predict(MediaInput.resolve(pictures.get(i)).get(0), ExtractionListener.NONE, t -> { });
                FramePredictions expected = model.predict(row(recipe, features, i),
                        mirror ? row(recipeMirrored, features, i) : null, 1.0);
                String what = pictures.get(i).getFileName() + (mirror ? ", mirrored too" : "");
                assertEquals(1, track.frames());
                for (int c = 0; c < ExprClass.COUNT; c++) {
                    assertEquals(expected.probability(0, c), track.predictions().probability(0, c), 1e-4, what + ", class " + c);
                }
                assertEquals(expected.label(0), track.predictions().label(0), what);
                if (mirror) {
                    FramePredictions own = model.predict(row(recipe, features, i), null, 1.0);
                    moved = Math.max(moved, Math.abs(own.probability(0, own.label(0)) - expected.probability(0, own.label(0))));
                }
            }
        }
        assertTrue(moved > 1e-3, "the mirror image changed no reading (largest change " + moved + ")");
    }

    private static Map<String, FeatureMatrix> row(Map<String, FeatureMatrix> rows, List<String> features, int i) {
        Map<String, FeatureMatrix> one = new LinkedHashMap<>();
        for (String f : features) {
            FeatureMatrix m = rows.get(f);
            one.put(f, new FeatureMatrix(1, m.dim(), m.row(i), new boolean[] {m.isValid(i)}));
        }
        return one;
    }

    @Test
    void aSpeechClipGoesThroughTheRecipesPathAndPredictAlike() throws IOException {
        Path rav = Locations.data().map(d -> d.resolve("ravdess")).orElse(null);
        assumeTrue(rav != null && Files.isDirectory(rav),
                "RAVDESS not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        Path clip = rav.resolve("03-01-05-02-01-01-17.flac");
        assumeTrue(Files.isRegularFile(clip), clip + " not found");
        LateFusionModel model = ExpressionModels.shipped();
        // the recipe extracts a recording into its work store with VideoExtraction and predicts from the store
        FeatureStore store = new FeatureStore(tmp.resolve("recipe"));
        List<String> features = new ArrayList<>(model.features());
        if (!features.contains(Predictor.VAD)) features.add(Predictor.VAD);
        MediaInput in = new MediaInput("clip", MediaInput.Kind.AUDIO, clip);
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.of(features, 2))) {
            x.extract(in, ExtractionListener.NONE);
        }
        FramePredictions recipe = model.predict(store, "clip");
        ExpressionTrack track = new Predictor(model, 2, 0).predict(in, ExtractionListener.NONE, t -> { });
        assertEquals(recipe.frames(), track.frames());
        int labelled = 0;
        for (int i = 0; i < recipe.frames(); i++) {
            assertEquals(recipe.label(i), track.predictions().label(i), "frame " + i);
            if (recipe.label(i) < 0) continue;
            labelled++;
            for (int c = 0; c < ExprClass.COUNT; c++) {
                assertEquals(recipe.probability(i, c), track.predictions().probability(i, c), 1e-6, "frame " + i + ", class " + c);
            }
        }
        assertTrue(labelled > recipe.frames() / 3, "speech found in " + labelled + " of " + recipe.frames() + " rows");
    }

    /** One FER2013 test picture of each of four classes. */
    private static List<Path> ferPictures() throws IOException {
        Path test = Locations.data().map(d -> d.resolve("fer2013").resolve("test")).orElse(null);
        assumeTrue(test != null && Files.isDirectory(test),
                "FER2013 not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        List<Path> out = new ArrayList<>();
        for (String cls : List.of("Anger", "Happiness", "Sadness", "Surprise")) {
            try (Stream<Path> s = Files.list(test.resolve(cls))) {
                out.add(s.sorted().findFirst().orElseThrow());
            }
        }
        // a face only the default detector's second stage (the back model) finds: that search is on the one path too
        out.add(test.resolve("Happiness/PrivateTest_73482952.jpg"));
        return out;
    }
}
