package org.affect4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test support: writes small per-video files by hand, independently of the production writers, so tests of the
 * readers do not just read back what the code under test wrote.
 */
public final class PredictionFiles {
    private PredictionFiles() {
    }

    /** Writes {@code lines}, each followed by {@code \n}, to {@code dir/<name>.txt}; returns the path. */
    public static Path write(Path dir, String name, String... lines) {
        Path p = dir.resolve(name + ".txt");
        try {
            Files.createDirectories(dir);
            Files.writeString(p, lines.length == 0 ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** An annotation-format file with the given labels. */
    public static Path annotation(Path dir, String name, int... labels) {
        String[] lines = new String[labels.length + 1];
        lines[0] = "Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";
        for (int i = 0; i < labels.length; i++) lines[i + 1] = Integer.toString(labels[i]);
        return write(dir, name, lines);
    }

    /** A submission-format file with the given labels, frames numbered from 1. */
    public static Path submission(Path dir, String name, int... labels) {
        String[] lines = new String[labels.length + 1];
        lines[0] = "image_location,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";
        for (int i = 0; i < labels.length; i++) lines[i + 1] = String.format("%s/%05d.jpg,%d", name, i + 1, labels[i]);
        return write(dir, name, lines);
    }

    /** A probabilities-format file with the given rows, frames numbered from 1. */
    public static Path probabilities(Path dir, String name, double[][] rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = "frame,Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";
        for (int i = 0; i < rows.length; i++) {
            StringBuilder s = new StringBuilder().append(i + 1);
            for (double v : rows[i]) s.append(',').append(v);
            lines[i + 1] = s.toString();
        }
        return write(dir, name, lines);
    }
}
