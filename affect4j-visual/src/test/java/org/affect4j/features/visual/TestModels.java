package org.affect4j.features.visual;

import org.affect4j.util.Locations;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/** Skips (rather than fails) tests whose model packages or development data are not installed. */
final class TestModels {
    private TestModels() {
    }

    /** Skips the test unless the npm model packages are unpacked (scripts/fetch-models.sh). */
    static void assumeModels() {
        for (String p : new String[] {ConvertedModels.FACE_API, ConvertedModels.HUMAN_MODELS}) {
            try {
                Locations.modelPackage(p);
            } catch (IllegalStateException e) {
                Assumptions.abort("skipped: " + e.getMessage());
            }
        }
    }

    /** The FER2013 folder, or skips the test if the development data is absent. */
    static Path fer2013() {
        Path d = Locations.data().map(p -> p.resolve("fer2013")).orElse(null);
        Assumptions.assumeTrue(d != null && d.resolve("labels.csv").toFile().isFile(),
                "skipped: FER2013 development data not found (set -Daffect4j.data=.../shared/data)");
        return d;
    }
}
