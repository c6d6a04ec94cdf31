package org.affect4j.features.visual;

import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bring-your-own-model extractor, exercised with one of our converted models (mobilefacenet). */
class OnnxImageExtractorTest {
    @TempDir
    Path tmp;

    static List<RgbImage> randomFaces(int n, int size, long seed) {
        Random r = new Random(seed);
        List<RgbImage> faces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[size * size * 3];
            r.nextBytes(px);
            faces.add(new RgbImage(size, size, px));
        }
        return faces;
    }

    private Path config(String json) throws Exception {
        Path model = ConvertedModels.humanGraph("mobilefacenet", List.of("embeddings"));
        Path cfg = tmp.resolve("byo.json");
        Files.writeString(cfg, json.replace("MODEL", model.toString()));
        return cfg;
    }

    @Test
    void configFileReproducesThePresetAndInfersTheDimension() throws Exception {
        TestModels.assumeModels();
        Path cfg = config("""
                {"id": "my-mfn", "model": "MODEL", "size": 112, "layout": "nhwc", "colour": "RGB",
                 "mean": 127.5, "std": [128, 128, 128], "resize": "tf-legacy"}""");
        List<RgbImage> faces = randomFaces(3, 80, 1);
        try (FrameFeatureExtractor byo = VisualExtractors.create("onnx:" + cfg, 1);
             FrameFeatureExtractor preset = VisualExtractors.create("mobilefacenet", 1)) {
            assertEquals("my-mfn", byo.id());
            assertEquals(192, byo.dimension(), "dimension read from the model");
            float[][] a = byo.extract(faces);
            float[][] b = preset.extract(faces);
            for (int i = 0; i < faces.size(); i++) {
                assertArrayEquals(b[i], a[i], 1e-6f);
            }
            assertEquals(0, byo.extract(List.of()).length);
            assertTrue(byo.provenance().get("model_sha256").matches("[0-9a-f]{64}"));
        }
    }

    @Test
    void tightPresetIsTheExpressionNetOnTheCentreOfTheCrop() {
        TestModels.assumeModels();
        List<RgbImage> faces = randomFaces(2, 112, 3);
        try (FrameFeatureExtractor tight = VisualExtractors.create("faceapi-expr-tight", 1);
             FrameFeatureExtractor whole = VisualExtractors.create("faceapi-expr", 1)) {
            assertEquals("faceapi-expr-tight", tight.id());
            float[][] a = tight.extract(faces);
            // the centre 80 %: 11 pixels in from the left and top of a 112-pixel crop, 90 pixels a side
            float[][] b = whole.extract(faces.stream().map(f -> ImagePreprocessor.region(f, new float[] {0.1f, 0.1f, 0.8f})).toList());
            assertEquals(90, ImagePreprocessor.region(faces.get(0), new float[] {0.1f, 0.1f, 0.8f}).width());
            float[][] c = whole.extract(faces);
            for (int i = 0; i < faces.size(); i++) {
                assertArrayEquals(b[i], a[i], 0f);
                assertTrue(maxAbsDiff(a[i], c[i]) > 1e-3, "the tight crop is another input than the whole crop");
            }
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void batchesLargerThanTheLimitAreSplitAndKeepOrder() {
        TestModels.assumeModels();
        try (OnnxImageExtractor ex = (OnnxImageExtractor) VisualExtractors.create("faceapi-expr-scores", 1)) {
            List<RgbImage> faces = randomFaces(2 * ex.maxBatch() + 3, 40, 2);
            float[][] all = ex.extract(faces);
            float[][] last = ex.extract(faces.subList(faces.size() - 1, faces.size()));
            assertEquals(faces.size(), all.length);
            assertArrayEquals(last[0], all[all.length - 1], 1e-6f);
            double sum = 0;
            for (float v : all[0]) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5, "scores are a softmax");
        }
    }

    /**
     * Why a run holds one 112x112 image (BATCH_PIXELS): the numbers do not depend on it. Each face network's rows of
     * four crops run as one batch of the runtime are, bit for bit, the extractor's one-image runs.
     */
    @Test
    void oneImageARunGivesTheNumbersOfABatch() throws Exception {
        TestModels.assumeModels();
        List<RgbImage> faces = randomFaces(4, 112, 9);
        for (String preset : List.of("faceapi-expr", "mobilefacenet", "faceres-int8")) {
            OnnxImageConfig cfg = VisualExtractors.preset(preset);
            ImagePreprocessor pre = new ImagePreprocessor(cfg);
            float[] x = new float[faces.size() * pre.imageSize()];
            for (int i = 0; i < faces.size(); i++) pre.write(faces.get(i), x, i * pre.imageSize());
            ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
            float[] batch;
            try (ai.onnxruntime.OrtSession.SessionOptions o = new ai.onnxruntime.OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(1);
                try (ai.onnxruntime.OrtSession s = env.createSession(cfg.model().toString(), o);
                     ai.onnxruntime.OnnxTensor t = ai.onnxruntime.OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x),
                             new long[] {faces.size(), cfg.height(), cfg.width(), cfg.channels()});
                     ai.onnxruntime.OrtSession.Result r = s.run(java.util.Map.of(cfg.input(), t), java.util.Set.of(cfg.output()))) {
                    java.nio.FloatBuffer fb = ((ai.onnxruntime.OnnxTensor) r.get(0)).getFloatBuffer();
                    batch = new float[fb.remaining()];
                    fb.get(batch);
                }
            }
            try (OnnxImageExtractor ex = new OnnxImageExtractor(cfg, 1)) {
                assertEquals(1, ex.maxBatch(), preset + ": one image a run");
                float[][] rows = ex.extract(faces);
                int d = rows[0].length;
                for (int i = 0; i < faces.size(); i++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(batch, i * d, (i + 1) * d), rows[i], 0f, preset + " image " + i);
                }
            }
        }
    }

    @Test
    void configThatDisagreesWithTheModelIsRejected() throws Exception {
        TestModels.assumeModels();
        Path cfg = config("{\"model\": \"MODEL\", \"size\": 96, \"layout\": \"NHWC\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VisualExtractors.create("onnx:" + cfg, 1));
        assertTrue(e.getMessage().contains("112"), e.getMessage());
        Path cfg2 = config("{\"model\": \"MODEL\", \"size\": 112, \"layout\": \"NHWC\", \"output\": \"nope\"}");
        e = assertThrows(IllegalArgumentException.class, () -> VisualExtractors.create("onnx:" + cfg2, 1));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void nullImageIsRejected() {
        TestModels.assumeModels();
        try (FrameFeatureExtractor ex = VisualExtractors.create("faceapi-expr", 1)) {
            List<RgbImage> faces = new ArrayList<>();
            faces.add(null);
            assertThrows(IllegalArgumentException.class, () -> ex.extract(faces));
        }
    }

    @Test
    void badConfigFilesNameFileAndKey() throws Exception {
        Path missing = tmp.resolve("nomodel.json");
        Files.writeString(missing, "{\"size\": 112}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxImageConfig.fromJson(missing));
        assertTrue(e.getMessage().contains("nomodel.json") && e.getMessage().contains("model"), e.getMessage());

        Files.writeString(tmp.resolve("m.onnx"), "not really");
        Path badLayout = tmp.resolve("layout.json");
        Files.writeString(badLayout, "{\"model\": \"m.onnx\", \"size\": 112, \"layout\": \"HWC\"}");
        e = assertThrows(IllegalArgumentException.class, () -> OnnxImageConfig.fromJson(badLayout));
        assertTrue(e.getMessage().contains("layout") && e.getMessage().contains("NCHW"), e.getMessage());

        Path badStd = tmp.resolve("std.json");
        Files.writeString(badStd, "{\"model\": \"m.onnx\", \"size\": 112, \"std\": [1, 0, 1]}");
        e = assertThrows(IllegalArgumentException.class, () -> OnnxImageConfig.fromJson(badStd));
        assertTrue(e.getMessage().contains("std"), e.getMessage());

        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, "{\"model\": \"m.onnx\", \"size\": 112, \"colur\": \"BGR\"}");
        e = assertThrows(IllegalArgumentException.class, () -> OnnxImageConfig.fromJson(typo));
        assertTrue(e.getMessage().contains("typo.json") && e.getMessage().contains("unknown key 'colur'; did you mean 'colour'?"),
                e.getMessage());

        Path notJson = tmp.resolve("broken.json");
        Files.writeString(notJson, "{model");
        e = assertThrows(IllegalArgumentException.class, () -> OnnxImageConfig.fromJson(notJson));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());

        Path notOnnx = tmp.resolve("garbage.json");
        Files.writeString(notOnnx, "{\"model\": \"m.onnx\", \"size\": 112}");
        e = assertThrows(IllegalArgumentException.class, () -> VisualExtractors.create("onnx:" + notOnnx, 1));
        assertTrue(e.getMessage().contains("m.onnx"), e.getMessage());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VisualExtractors.create("densenet", 1));
        assertEquals("unknown visual feature 'densenet' (known: faceapi-expr, faceapi-expr-tight, faceapi-expr-scores, faceapi-landmarks, faceres, faceres-int8, mobilefacenet, onnx)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VisualExtractors.create("faceres:x.json", 1));
        assertTrue(e.getMessage().contains("takes no argument"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> VisualExtractors.create("onnx:", 1));
        assertTrue(e.getMessage().contains("'onnx:' needs an argument"), e.getMessage());
    }
}
