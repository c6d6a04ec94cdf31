package org.affect4j.features.visual;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.affect4j.onnx.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code faceres-int8} is {@code faceres}'s net with integer convolutions, and ONNX Runtime runs every one of them as
 * an integer kernel (the speed-up rests on that fusion). How close its embeddings are on real faces is checked where
 * faces are found and aligned (affect4j-pipeline's {@code FaceResInt8FidelityTest}).
 */
class FaceResInt8Test {
    @TempDir
    Path tmp;

    @Test
    void theRuntimeRunsEveryConvolutionOfTheQuantisedNetAsAnIntegerKernel() throws Exception {
        TestModels.assumeModels();
        OnnxImageConfig cfg = VisualExtractors.preset("faceres-int8");
        OnnxImageConfig fp32 = VisualExtractors.preset("faceres");
        assertEquals(List.of(fp32.width(), fp32.height(), fp32.layout(), fp32.colour(), fp32.scale(), fp32.resize(),
                        fp32.input(), fp32.output(), fp32.dimension()),
                List.of(cfg.width(), cfg.height(), cfg.layout(), cfg.colour(), cfg.scale(), cfg.resize(), cfg.input(),
                        cfg.output(), cfg.dimension()), "same pre-processing and output as faceres");
        assertArrayEquals(fp32.mean(), cfg.mean());
        assertArrayEquals(fp32.std(), cfg.std());
        assertTrue(cfg.model().getFileName().toString().startsWith("faceres-int8-"), cfg.model().toString());
        assertEquals(cfg.model(), VisualExtractors.preset("faceres-int8").model(), "quantised once, then cached");

        List<String> ops = OnnxModel.opTypes(Files.readAllBytes(cfg.model()));
        assertEquals(27, Collections.frequency(ops, "Conv"));
        assertEquals(28, Collections.frequency(ops, "QuantizeLinear"), "the input and the 27 ReLU6 outputs");
        assertFalse(ops.contains("Mul") || ops.contains("Add"), "batch norms folded into the convolutions");

        Path optimised = tmp.resolve("optimised.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setOptimizedModelFilePath(optimised.toString());
            o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            env.createSession(cfg.model().toString(), o).close();
        }
        List<String> run = OnnxModel.opTypes(Files.readAllBytes(optimised));
        assertEquals(27, Collections.frequency(run, "QLinearConv"), run.toString());
        assertFalse(run.contains("Conv"), "no convolution left in float: " + run);
    }

    @Test
    void theExtractorSaysItIsQuantised() {
        TestModels.assumeModels();
        try (var x = VisualExtractors.create("faceres-int8", 1)) {
            assertEquals("faceres-int8", x.id());
            assertEquals(1024, x.dimension());
            assertTrue(x.provenance().get("quantised").startsWith("int8"), x.provenance().toString());
        }
    }
}
