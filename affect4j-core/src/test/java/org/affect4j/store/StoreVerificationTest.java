package org.affect4j.store;

import org.affect4j.util.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifest written with every matrix, and the verification that finds a flipped byte, a lost file, a swap. */
class StoreVerificationTest {
    @TempDir
    Path dir;

    private static final FeatureDescriptor VISUAL = new FeatureDescriptor("faceres", 3, 0, "onnx", "2",
            Map.of("model_sha256", "abc", "detector", "blazeface", "track", "largest", "faceEvery", "3"));
    private static final FeatureDescriptor AUDIO = new FeatureDescriptor("fbank", 2, 0, "fbank", "1", Map.of());

    private FeatureStore filled() {
        FeatureStore s = new FeatureStore(dir);
        s.putDescriptor(VISUAL);
        s.putDescriptor(AUDIO);
        s.put("faceres", "a", new FeatureMatrix(2, 3, new float[]{1, 2, 3, 4, 5, 6}, new boolean[]{true, false}));
        try (MatrixWriter w = s.writer("fbank", "a")) {
            for (int i = 0; i < 5; i++) w.append(new float[]{i, -i}, i != 2);
            w.commit();
        }
        s.put("fbank", "b", FeatureMatrix.of(1, 2, new float[]{7, 8}));
        return s;
    }

    @Test
    void everyWriterRecordsTheExtractionAndTheFilesHashes() {
        FeatureStore s = filled();
        MatrixManifest v = s.manifest("faceres", "a").orElseThrow();
        assertEquals(new MatrixManifest("faceres", "a", "onnx", "2", "abc", "blazeface", "largest", 3, 2, 3,
                Sha256.of(dir.resolve("faceres/a.npy")), Sha256.of(dir.resolve("faceres/a.mask.npy"))), v);
        MatrixManifest streamed = s.manifest("fbank", "a").orElseThrow();
        assertEquals(5, streamed.rows());
        assertEquals(Sha256.of(dir.resolve("fbank/a.npy")), streamed.matrixSha256(), "hash of the final file, header included");
        assertEquals(Sha256.of(dir.resolve("fbank/a.mask.npy")), streamed.maskSha256());
        assertNull(streamed.detector(), "no face fields for an audio feature");
        assertNull(streamed.faceEvery());

        StoreVerification.Result r = StoreVerification.verify(s);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(3, r.verified());
    }

    @Test
    void aFlippedByteALostFileAndAnUnrecordedMatrixAreEachOneLine() throws Exception {
        FeatureStore s = filled();
        Path m = dir.resolve("fbank/a.npy");
        byte[] b = Files.readAllBytes(m);
        b[b.length - 1] ^= 1;
        Files.write(m, b);
        Files.delete(dir.resolve("faceres/a.mask.npy"));
        Files.delete(dir.resolve("fbank/b" + MatrixManifest.SUFFIX));

        StoreVerification.Result r = StoreVerification.verify(s);
        assertFalse(r.ok());
        assertEquals(0, r.verified());
        List<String> p = r.problems();
        assertEquals(3, p.size(), p.toString());
        assertEquals("faceres/a: a.mask.npy is missing", p.get(0));
        assertTrue(p.get(1).startsWith("fbank/a: a.npy changed (SHA-256 "), p.get(1));
        assertTrue(p.get(2).startsWith("fbank/b: no manifest"), p.get(2));
    }

    @Test
    void aDescriptorReplacedUnderItsMatricesIsFound() {
        FeatureStore s = filled();
        s.putDescriptor(new FeatureDescriptor("faceres", 3, 0, "onnx", "2",
                Map.of("model_sha256", "abc", "detector", "haar", "track", "largest", "faceEvery", "3")));
        StoreVerification.Result r = StoreVerification.verify(s);
        assertEquals(List.of("faceres/a: made by another extraction than feature.json describes: detector blazeface"
                + " (feature.json: haar)"), r.problems());
    }
}
