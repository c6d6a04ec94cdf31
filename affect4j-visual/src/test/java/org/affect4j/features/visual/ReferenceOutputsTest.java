package org.affect4j.features.visual;

import org.affect4j.data.Images;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The converted models must reproduce the original TensorFlow.js code's outputs (fixture made by
 * {@code src/test/fixtures-script/make-fixtures.mjs}) on real FER2013 faces, to 1e-3 max abs difference.
 */
class ReferenceOutputsTest {
    static final double TOLERANCE = 1e-3;
    private static JsonNode fixture;
    private static List<RgbImage> images;

    @BeforeAll
    static void load() throws Exception {
        TestModels.assumeModels();
        Path fer = TestModels.fer2013();
        try (InputStream in = ReferenceOutputsTest.class.getResourceAsStream("tfjs-reference.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        images = new ArrayList<>();
        for (JsonNode im : fixture.path("images")) {
            String file = im.path("file").asText();
            RgbImage img = Images.read(fer.resolve(file));
            byte[] grey = new byte[img.width() * img.height()];
            for (int i = 0; i < grey.length; i++) {
                grey[i] = img.rgb()[3 * i];
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(grey));
            assertEquals(im.path("pixelsSha256").asText(), sha, file + " decodes to other pixels than when the"
                    + " fixture was made (JPEG decoder changed?); rerun src/test/fixtures-script");
            images.add(img);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"faceapi-expr", "faceapi-expr-scores", "faceres", "mobilefacenet"})
    void matchesTensorFlowJs(String name) {
        try (FrameFeatureExtractor ex = VisualExtractors.create(name, 1)) {
            assertMatches(name, ex);
        }
    }

    /**
     * The landmark net on the whole picture (the preset reads the centre of an aligned crop; the fixture, like the
     * other nets here, the whole FER2013 picture), and the points where a face has them: eyes above the nose tip
     * above the mouth, the face's right eye (iBUG 36-41) left of its left eye in the picture.
     */
    @Test
    void landmarksMatchTensorFlowJsAndLieOnTheFace() {
        OnnxImageConfig whole = VisualExtractors.preset("faceapi-landmarks").withRegion(new float[] {0f, 0f, 1f});
        try (FrameFeatureExtractor ex = new OnnxImageExtractor(whole, 1)) {
            float[][] got = assertMatches("faceapi-landmarks", ex);
            for (float[] p : got) {
                double rightEyeX = mean(p, 36, 42, 0), leftEyeX = mean(p, 42, 48, 0);
                double eyesY = (mean(p, 36, 42, 1) + mean(p, 42, 48, 1)) / 2, noseY = p[2 * 30 + 1], mouthY = mean(p, 48, 68, 1);
                assertTrue(rightEyeX < leftEyeX && eyesY < noseY && noseY < mouthY, java.util.Arrays.toString(p));
                for (float v : p) assertTrue(v > -0.2 && v < 1.2, "a point far outside the picture: " + v);
            }
        }
    }

    private static double mean(float[] p, int from, int to, int axis) {
        double s = 0;
        for (int k = from; k < to; k++) s += p[2 * k + axis];
        return s / (to - from);
    }

    private static float[][] assertMatches(String name, FrameFeatureExtractor ex) {
        float[][] got = ex.extract(images);
        double worst = 0;
        for (int i = 0; i < images.size(); i++) {
            JsonNode ref = fixture.path("images").get(i).path("outputs").path(name);
            assertEquals(ex.dimension(), ref.size(), name + " dimension");
            assertEquals(ref.size(), got[i].length, name + " output length");
            for (int k = 0; k < ref.size(); k++) {
                worst = Math.max(worst, Math.abs(got[i][k] - ref.get(k).asDouble()));
            }
        }
        System.out.printf("%s: max abs diff vs tfjs over %d images = %.3g%n", name, images.size(), worst);
        assertTrue(worst <= TOLERANCE, name + ": max abs diff " + worst + " > " + TOLERANCE);
        return got;
    }
}
