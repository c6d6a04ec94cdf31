package org.affect4j.ensemble;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.PredictionFiles;
import org.affect4j.data.PredictionFormat;
import org.affect4j.data.PredictionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryEnsembleTest {
    @TempDir
    Path tmp;

    @Test
    void votesOverDirectoriesInMixedFormats() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c"), out = tmp.resolve("out");
        PredictionFiles.annotation(a, "v", 1, 2);
        PredictionFiles.submission(b, "v", 1, 3);
        PredictionFiles.probabilities(c, "v", new double[][]{{0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 1, 0, 0, 0, 0}});
        List<String> written = new DirectoryEnsemble(new MajorityVote(), null).run(List.of(a, b, c), out);
        assertEquals(List.of("v"), written);
        Path f = out.resolve("v.txt");
        assertEquals(PredictionFormat.ANNOTATION, PredictionReader.detect(f));
        assertArrayEquals(new int[]{1, 3}, PredictionReader.read(f).labels());
    }

    @Test
    void averageWritesProbabilities() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), out = tmp.resolve("out");
        PredictionFiles.probabilities(a, "v", new double[][]{{0.5, 0.5, 0, 0, 0, 0, 0, 0}});
        PredictionFiles.probabilities(b, "v", new double[][]{{0, 1, 0, 0, 0, 0, 0, 0}});
        new DirectoryEnsemble(new ProbabilityAverage(), new double[]{1, 1}).run(List.of(a, b), out);
        Path f = out.resolve("v.txt");
        assertEquals(PredictionFormat.PROBABILITIES, PredictionReader.detect(f));
        assertEquals(0.75, PredictionReader.read(f).probability(0, 1), 1e-6);
    }

    @Test
    void aVideoMissingFromOneMemberIsNamed() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        PredictionFiles.annotation(a, "v", 1);
        PredictionFiles.annotation(a, "w", 1);
        PredictionFiles.annotation(b, "v", 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new DirectoryEnsemble(new MajorityVote(), null).run(List.of(a, b), tmp.resolve("out")));
        assertTrue(e.getMessage().startsWith(b.resolve("w.txt") + ": missing"), e.getMessage());
    }

    @Test
    void frameCountMismatchIsNamed() {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        PredictionFiles.annotation(a, "v", 1, 1);
        PredictionFiles.annotation(b, "v", 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> new DirectoryEnsemble(new MajorityVote(), null).run(List.of(a, b), tmp.resolve("out")));
        assertTrue(e.getMessage().startsWith(b.resolve("v.txt") + ": 1 frames, but " + a.resolve("v.txt") + " has 2"), e.getMessage());
    }

    @Test
    void outputMustNotBeAnInputAndWeightsMustFit() {
        Path a = tmp.resolve("a");
        PredictionFiles.annotation(a, "v", 1);
        assertThrows(IllegalArgumentException.class, () -> new DirectoryEnsemble(new MajorityVote(), null).run(List.of(a), a));
        assertThrows(IllegalArgumentException.class,
                () -> new DirectoryEnsemble(new MajorityVote(), new double[]{1, 2}).run(List.of(a), tmp.resolve("out")));
    }
}
