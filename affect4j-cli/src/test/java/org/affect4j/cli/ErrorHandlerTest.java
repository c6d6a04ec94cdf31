package org.affect4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorHandlerTest {
    @Test
    void aMissingFileIsSaidToBeMissingWhateverWrapsIt() {
        NoSuchFileException missing = new NoSuchFileException("/x/t.csv");
        assertEquals("/x/t.csv does not exist", ErrorHandler.message(missing));
        assertEquals("/x/t.csv does not exist",
                ErrorHandler.message(new UncheckedIOException("cannot read /x/t.csv: /x/t.csv", missing)));
        assertEquals("cannot read the training list: /x/t.csv does not exist",
                ErrorHandler.message(new UncheckedIOException("cannot read the training list: /x/t.csv", missing)));
        assertEquals("cannot read /x/model.onnx: bad magic", ErrorHandler.message(
                new UncheckedIOException("cannot read /x/model.onnx: bad magic", new java.io.IOException("bad magic"))));
    }

    @Test
    void cvOfATrainingListThatIsNotThereSaysSo(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("c.json");
        java.nio.file.Files.writeString(config, "{\"data\":{\"store\":\"s\",\"train\":\"t.csv\",\"validation\":\"v.csv\"},"
                + "\"features\":[\"fbank\"]}");
        CommandRun r = CommandRun.of("cv", "--config", config.toString(), "--folds", "3", "--out", tmp.resolve("cv").toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("affect4j: error: " + tmp.resolve("t.csv") + " does not exist", r.err().strip());
    }
}
