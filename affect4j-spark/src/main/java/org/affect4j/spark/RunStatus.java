package org.affect4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Reads what a finished run reports in its {@code run.json} (written by the training library): its status and the
 * validation macro-F1 of its best epoch.
 */
public final class RunStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStatus() {
    }

    /** True when {@code runDir/run.json} says "finished". */
    public static boolean finished(Path runDir) {
        return "finished".equals(read(runDir).path("status").asText(""));
    }

    /** The best epoch's validation macro-F1 of a finished run, if there is one. */
    public static OptionalDouble bestMacroF1(Path runDir) {
        JsonNode f1 = read(runDir).path("result").path("best").path("macroF1");
        return f1.isNumber() ? OptionalDouble.of(f1.asDouble()) : OptionalDouble.empty();
    }

    private static JsonNode read(Path runDir) {
        Path p = runDir.resolve("run.json");
        if (!Files.isRegularFile(p)) return JSON.createObjectNode();
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
