package org.affect4j.cli;

import org.affect4j.inference.CheckpointChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checkpoint options of evaluate, cv and ablate: bad values are one usage error line, before any work. */
class CheckpointOptionsTest {
    @Test
    void conflictingOrNegativeCheckpointChoicesAreUsageErrors(@TempDir Path dir) throws Exception {
        CommandRun both = CommandRun.of("evaluate", "--run", dir.toString(), "--last", "--average", "2");
        assertEquals(2, both.exit(), both.toString());
        assertTrue(both.err().contains("--last, --average and --checkpoint exclude each other"), both.toString());

        CommandRun negative = CommandRun.of("evaluate", "--run", dir.toString(), "--average", "-1");
        assertEquals(2, negative.exit(), negative.toString());
        assertTrue(negative.err().contains("--average must be >= 0 (0 = off), got -1"), negative.toString());

        Files.writeString(dir.resolve("exp.yaml"), "data: {store: store, train: t.csv, validation: v.csv}\nfeatures: [a]\n"
                + "training: {epochs: 2}\nensemble: {average: 3}\n");
        CommandRun cv = CommandRun.of("cv", "--config", dir.resolve("exp.yaml").toString(), "--average", "-2", "--out", dir.resolve("cv").toString());
        assertEquals(2, cv.exit(), cv.toString());
        assertTrue(cv.err().contains("--average must be >= 0 (0 = off), got -2"), cv.toString());

        // the config's average: 3 over 2 epochs fails before any training, in one line naming the file
        Files.writeString(dir.resolve("t.csv"), "name,label\na,0\nb,1\nc,2\n");
        Files.writeString(dir.resolve("v.csv"), "name,label\nd,0\n");
        CommandRun tooMany = CommandRun.of("cv", "--config", dir.resolve("exp.yaml").toString(), "--folds", "2", "--out", dir.resolve("cv").toString());
        assertEquals(3, tooMany.exit(), tooMany.toString());
        assertTrue(tooMany.err().contains("checkpoint averaging of the last 3 epochs: " + dir.resolve("exp.yaml") + " trains only 2"), tooMany.toString());
        assertTrue(Files.notExists(dir.resolve("cv/fold-1/run")), "nothing trained");
    }
}
