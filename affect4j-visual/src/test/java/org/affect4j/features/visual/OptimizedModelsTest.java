package org.affect4j.features.visual;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The saved optimised graph gives exactly the outputs of optimising afresh, and a damaged one is made again. */
class OptimizedModelsTest {
    @TempDir
    Path tmp;

    private static OrtSession.SessionOptions options() throws ai.onnxruntime.OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        return o;
    }

    private static float[] run(OrtEnvironment env, OrtSession s, float[] input) throws Exception {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 112, 112, 3});
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            float[][] out = (float[][]) r.get(0).getValue();
            return out[0];
        }
    }

    @Test
    void savedGraphGivesTheSameOutputsBitForBit() throws Exception {
        TestModels.assumeModels();
        Path model = ConvertedModels.humanGraph("mobilefacenet", List.of("embeddings"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] input = new float[112 * 112 * 3];
        Random r = new Random(3);
        for (int i = 0; i < input.length; i++) input[i] = r.nextFloat() * 2 - 1;
        float[] fresh;
        try (OrtSession.SessionOptions o = options()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession s = env.createSession(model.toString(), o)) {
                fresh = run(env, s, input);
            }
        }
        Path saved = OptimizedModels.savedPath(env, model, tmp);
        try (OrtSession s = OptimizedModels.create(env, model, tmp, OptimizedModelsTest::options)) {
            assertArrayEquals(fresh, run(env, s, input), 0f, "the session that saves the graph");
        }
        assertTrue(Files.size(saved) > 0, "saved as " + saved);
        try (var files = Files.list(tmp)) {
            assertTrue(files.allMatch(saved::equals), "no temporary file left");
        }
        try (OrtSession s = OptimizedModels.create(env, model, tmp, OptimizedModelsTest::options)) {
            assertArrayEquals(fresh, run(env, s, input), 0f, "the session loaded from the saved graph");
        }
        Files.write(saved, new byte[] {1, 2, 3}); // damaged: optimised and saved again
        try (OrtSession s = OptimizedModels.create(env, model, tmp, OptimizedModelsTest::options)) {
            assertArrayEquals(fresh, run(env, s, input), 0f, "after a damaged file");
        }
        assertTrue(Files.size(saved) > 3, "saved again");
        // a folder nobody can write (not even root: /proc) leaves the graph optimised in memory, the same outputs
        if (Files.isDirectory(Path.of("/proc"))) {
            try (OrtSession s = OptimizedModels.create(env, model, Path.of("/proc"), OptimizedModelsTest::options)) {
                assertArrayEquals(fresh, run(env, s, input), 0f, "with a read-only cache");
            }
        }
        // another runtime version is another file
        assertTrue(saved.getFileName().toString().contains("-ort" + env.getVersion() + "-"), saved.toString());
    }
}
