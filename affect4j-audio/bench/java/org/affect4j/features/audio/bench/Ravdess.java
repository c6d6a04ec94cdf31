package org.affect4j.features.audio.bench;

import org.affect4j.util.Locations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The RAVDESS speech subset of the development data: files, actors and target labels from labels.csv. */
record Ravdess(Path dir, List<Item> items) {
    /** One utterance. */
    record Item(Path file, int actor, int label) {
    }

    static Ravdess load() throws IOException {
        Path dir = Locations.data().orElseThrow(() -> new IllegalStateException(
                "development data not found: pass -Daffect4j.data=/path/to/shared/data")).resolve("ravdess");
        List<Item> items = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("labels.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            items.add(new Item(dir.resolve(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[3])));
        }
        return new Ravdess(dir, items);
    }
}
