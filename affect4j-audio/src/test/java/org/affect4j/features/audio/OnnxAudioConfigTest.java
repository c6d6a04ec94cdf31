package org.affect4j.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Config parsing and validation; needs no model (a placeholder file stands in for it). */
class OnnxAudioConfigTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Files.writeString(dir.resolve("m.onnx"), "placeholder");
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, json);
        return cfg;
    }

    private String message(String json) throws IOException {
        Path cfg = write(json);
        return assertThrows(IllegalArgumentException.class, () -> OnnxAudioConfig.load(cfg)).getMessage();
    }

    @Test
    void wholeSignalModel() throws IOException {
        OnnxAudioConfig c = OnnxAudioConfig.load(write("""
                {"id": "hubert", "model": "m.onnx", "input": "waveform", "output": "last_hidden_state",
                 "outputRate": 50, "threads": 2}"""));
        assertEquals(0, c.window());
        assertEquals(50, c.rate(), 0);
        assertEquals(dir.resolve("m.onnx"), c.model(), "relative to the config file");
    }

    @Test
    void framedModelRate() throws IOException {
        OnnxAudioConfig c = OnnxAudioConfig.load(write("""
                {"id": "ecapa", "model": "m.onnx", "input": "x", "output": "emb", "window": 24000, "hop": 8000}"""));
        assertEquals(2, c.rate(), 0);
    }

    @Test
    void clearMessages() throws IOException {
        assertTrue(message("{\"id\": \"a\", \"model\": \"m.onnx\", \"input\": \"x\", \"output\": \"y\"}")
                .contains("outputRate"));
        assertTrue(message("{\"id\": \"a\", \"model\": \"m.onnx\", \"input\": \"x\", \"output\": \"y\", \"window\": 400,"
                + " \"sampleRate\": 8000}").contains("'sampleRate' 8000"));
        assertTrue(message("{\"id\": \"a b\", \"model\": \"m.onnx\", \"input\": \"x\", \"output\": \"y\", \"window\": 4}")
                .contains("'id'"));
        assertTrue(message("{\"id\": \"a\", \"model\": \"m.onnx\", \"output\": \"y\", \"window\": 4}").contains("'input'"));
        assertTrue(message("{\"id\": \"a\", \"model\": \"m.onnx\", \"input\": \"x\", \"output\": \"y\", \"window\": 4,"
                + " \"constants\": {\"sr\": {\"type\": \"int64\", \"shape\": [2], \"values\": [1]}}}").contains("needs 2 values"));
        assertTrue(message("{\"id\": \"a\", \"model\": \"m.onnx\", \"input\": \"x\", \"output\": \"y\", \"window\": 4,"
                + " \"hops\": 2}").contains("unknown key 'hops'; did you mean 'hop'?"));
        assertTrue(message("{\"id\": \"a\", \"model\": \"package:x\", \"input\": \"x\", \"output\": \"y\", \"window\": 4}")
                .contains("package:<name@version>:<path>"));
    }
}
