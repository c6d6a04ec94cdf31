package org.affect4j.spark;

import org.affect4j.util.Locations;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real CREMA-D clips of the shared data folder, for the Spark tests that extract; skips the test without them. */
final class CremaClips {
    private CremaClips() {
    }

    /** The folder of clips ({@code 1001_DFA_ANG_XX.flv}, ...), or the calling test class is skipped. */
    static Path folder() {
        Path crema = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        assumeTrue(crema != null && Files.isDirectory(crema),
                "CREMA-D clips not found (set -Daffect4j.data to the shared data folder); Spark extraction tests skipped");
        return crema;
    }
}
