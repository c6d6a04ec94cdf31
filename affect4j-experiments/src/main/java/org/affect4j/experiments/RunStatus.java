package org.affect4j.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.inference.CheckpointChoice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Reads what a finished run reports in its {@code run.json} (written by the training library): its status and the
 * validation macro-F1 of its best epoch; and the score files {@link TrainingProcess} writes for other checkpoints
 * ({@code {"checkpoint": "average-3", "folder": "average-0023-0024-0025", "macroF1": 0.41}}).
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

    /** Writes a checkpoint's validation macro-F1 atomically. */
    static void writeScore(Path file, CheckpointChoice choice, Path folder, double macroF1) {
        var o = JSON.createObjectNode().put("checkpoint", choice.toString())
                .put("folder", folder.getFileName().toString()).put("macroF1", macroF1);
        org.affect4j.util.AtomicFiles.writeString(file, o.toPrettyString() + "\n");
    }

    /** The macro-F1 of a score file, empty when it is absent (the model did not finish). */
    public static OptionalDouble readScore(Path file) {
        JsonNode f1 = readJson(file).path("macroF1");
        return f1.isNumber() ? OptionalDouble.of(f1.asDouble()) : OptionalDouble.empty();
    }

    private static JsonNode read(Path runDir) {
        return readJson(runDir.resolve("run.json"));
    }

    private static JsonNode readJson(Path p) {
        if (!Files.isRegularFile(p)) return JSON.createObjectNode();
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
