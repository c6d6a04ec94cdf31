package org.affect4j.predict.faces;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.faces.FaceFrame;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.VisualExtractorFactory;
import org.affect4j.features.visual.ConvertedModels;
import org.affect4j.features.visual.ImagePreprocessor;
import org.affect4j.features.visual.OnnxImageExtractor;
import org.affect4j.features.visual.tfjs.FaceApiNetConverter;
import org.affect4j.features.visual.tfjs.TfjsTensor;
import org.affect4j.training.faces.FaceApiExpressionNet;
import org.affect4j.training.faces.FaceNetTrainer;
import org.affect4j.training.faces.NamedTensor;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.FloatBuffer;
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
 * face-api's expression net on DJL ({@code affect4j-models}) against the ONNX model the converter writes
 * ({@code affect4j-visual}), on real aligned crops: FER2013 test pictures through the product's face search,
 * alignment and faceapi-expr preprocessing. Also the way back: weights read out of the DJL net, converted by the same
 * converter, give the same ONNX model, before and after a fine-tuning step.
 */
class FaceApiNetEquivalenceTest {
    private static final int PIXELS = 112 * 112 * 3;
    private static float[] crops;
    private static int n;

    @BeforeAll
    static void crops() throws IOException {
        Path test = Locations.data().map(d -> d.resolve("fer2013").resolve("test")).orElse(null);
        assumeTrue(test != null && Files.isDirectory(test),
                "skipped: FER2013 not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        try {
            Locations.modelPackage(ConvertedModels.FACE_API);
        } catch (IllegalStateException e) {
            assumeTrue(false, "skipped: " + e.getMessage());
        }
        List<RgbImage> faces = new ArrayList<>();
        try (FaceDetector detector = FaceDetectorFactory.ALL.get(FaceDetectors.DEFAULT).create(1)) {
            FaceCropPipeline pipeline = new FaceCropPipeline(detector, 1);
            for (String cls : List.of("Anger", "Happiness", "Sadness", "Surprise", "Neutral")) {
                try (Stream<Path> s = Files.list(test.resolve(cls))) {
                    for (Path p : s.sorted().limit(3).toList()) {
                        FaceFrame f = pipeline.cropSingle(Images.read(p));
                        if (f.valid()) faces.add(f.crop());
                    }
                }
            }
        }
        assertTrue(faces.size() >= 8, "faces found in only " + faces.size() + " of 15 FER2013 pictures");
        ImagePreprocessor pre;
        try (FrameFeatureExtractor fa = VisualExtractorFactory.ALL.get("faceapi-expr").create(null, 1)) {
            pre = new ImagePreprocessor(((OnnxImageExtractor) fa).config());
        }
        n = faces.size();
        crops = new float[n * PIXELS];
        for (int i = 0; i < n; i++) pre.write(faces.get(i), crops, i * PIXELS);
    }

    @Test
    void djlNetEqualsTheOnnxModelAndRoundTripsThroughTheConverter() throws Exception {
        Map<String, TfjsTensor> shipped = FaceApiNetConverter.weights(ConvertedModels.faceApiExpressionManifest());
        float[][] onnx = runOnnx(new FaceApiNetConverter().convert(shipped, "shipped"));
        try (NDManager m = NDManager.newBaseManager()) {
            FaceApiExpressionNet net = new FaceApiExpressionNet(m, named(shipped));
            FaceApiExpressionNet.Output djl = net.predict(crops, n);
            assertClose(onnx[0], djl.features(), 1e-4, "features");
            assertClose(onnx[1], djl.scores(), 1e-4, "scores");
            // weights -> DJL -> weights -> ONNX: the same model
            Map<String, NamedTensor> back = net.weights();
            assertEquals(shipped.keySet(), back.keySet());
            for (String k : shipped.keySet()) {
                assertArrayEquals(shipped.get(k).shape(), back.get(k).shape(), k);
                assertArrayEquals(shipped.get(k).requireFloats(), back.get(k).values(), k);
            }
            float[][] again = runOnnx(new FaceApiNetConverter().convert(tfjs(back), "round trip"));
            assertArrayEquals(onnx[0], again[0]);
            assertArrayEquals(onnx[1], again[1]);
        }
    }

    @Test
    void fineTunedWeightsConvertToAnOnnxModelThatEqualsTheDjlNet() throws Exception {
        Map<String, NamedTensor> shipped = named(FaceApiNetConverter.weights(ConvertedModels.faceApiExpressionManifest()));
        FaceNetTrainer.Crops data = new FaceNetTrainer.Crops() {
            public int size() {
                return n;
            }

            public int label(int i) {
                return i % 7;
            }

            public void copy(int i, float[] dst, int offset) {
                System.arraycopy(crops, i * PIXELS, dst, offset, PIXELS);
            }
        };
        FaceNetTrainer.Result r = new FaceNetTrainer(new FaceNetTrainer.Options(1e-3, 1e-2, 1, 4, 3, 2, 0, 1))
                .fit(shipped, data, net -> 0, new FaceNetTrainer.Progress() { });
        float[] before = shipped.get("dense2/conv1/pointwise_filter").values();
        float[] after = r.bestWeights().get("dense2/conv1/pointwise_filter").values();
        double change = 0;
        for (int i = 0; i < before.length; i++) change = Math.max(change, Math.abs(before[i] - after[i]));
        assertTrue(change > 1e-5, "fine-tuning changed the weights by only " + change);
        float[][] onnx = runOnnx(new FaceApiNetConverter().convert(tfjs(r.bestWeights()), "tuned"));
        try (NDManager m = NDManager.newBaseManager()) {
            FaceApiExpressionNet.Output djl = new FaceApiExpressionNet(m, r.bestWeights()).predict(crops, n);
            assertClose(onnx[0], djl.features(), 1e-4, "tuned features");
            assertClose(onnx[1], djl.scores(), 1e-4, "tuned scores");
        }
    }

    private static Map<String, NamedTensor> named(Map<String, TfjsTensor> w) {
        Map<String, NamedTensor> out = new LinkedHashMap<>();
        w.forEach((k, t) -> out.put(k, new NamedTensor(k, t.shape(), t.requireFloats())));
        return out;
    }

    private static Map<String, TfjsTensor> tfjs(Map<String, NamedTensor> w) {
        Map<String, TfjsTensor> out = new LinkedHashMap<>();
        w.forEach((k, t) -> out.put(k, new TfjsTensor(k, t.shape(), t.values(), null)));
        return out;
    }

    /** {features, scores} of the ONNX model on the crops, row-major. */
    private static float[][] runOnnx(byte[] model) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(crops), new long[] {n, 112, 112, 3});
             OrtSession.Result r = s.run(Map.of(FaceApiNetConverter.INPUT, x))) {
            return new float[][] {flat((float[][]) r.get(FaceApiNetConverter.FEATURES).orElseThrow().getValue()),
                    flat((float[][]) r.get(FaceApiNetConverter.SCORES).orElseThrow().getValue())};
        }
    }

    private static float[] flat(float[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        assertTrue(worst <= tol, what + ": max difference " + worst + " > " + tol);
    }
}
