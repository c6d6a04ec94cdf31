package org.affect4j.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading run folders in tests. */
public final class RunFiles {
    private RunFiles() {
    }

    /** metrics.csv without its wall-time column (the only one allowed to differ between two same-seed runs). */
    public static List<String> metricsWithoutTimes(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            List<String> c = new ArrayList<>(List.of(l.split(",")));
            if (col >= 0) c.remove(col);
            return String.join(",", c);
        }).toList();
    }
}
