package org.affect4j.faces;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.affect4j.util.Locations;

/** Locates the real data and model the tests need, skipping (not failing) with a clear reason when absent. */
final class FaceTestData {
    private FaceTestData() {
    }

    /** The six CREMA-D clips, sorted; skips when the data folder is absent. */
    static List<Path> cremaClips() {
        Path dir = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir),
                "CREMA-D clips not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> clips = s.filter(p -> p.toString().endsWith(".flv")).sorted().toList();
            assumeTrue(!clips.isEmpty(), "no .flv clip in " + dir);
            return clips;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code perClass} FER2013 test pictures of each class, in labels.csv order; skips without the data. */
    static List<Path> ferTestPictures(int perClass) {
        Path dir = Locations.data().map(d -> d.resolve("fer2013")).orElse(null);
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("labels.csv")),
                "FER2013 not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        try {
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            List<Path> out = new java.util.ArrayList<>();
            List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f[2].equals("test") && seen.merge(f[1], 1, Integer::sum) <= perClass) out.add(dir.resolve(f[0]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A BlazeFace detector; skips when the npm model package is not installed. */
    static BlazeFaceDetector blazeFace(BlazeFaceModel model, int threads) {
        try {
            model.locate();
        } catch (IllegalStateException e) {
            assumeTrue(false, "BlazeFace model not available: " + e.getMessage());
        }
        return BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), model, threads);
    }
}
