package org.affect4j.features.visual.bench;

import org.affect4j.data.RgbImage;
import org.affect4j.data.Images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One split of the FER2013 development set ({@code fer2013/labels.csv}: {@code path,label_index,split}), images
 * decoded into memory (48x48 grey copied to RGB). Labels are affect4j class indices 0..6 (no Other).
 *
 * @param name   split name ({@code train}, {@code val}, {@code test})
 * @param paths  image paths relative to the FER2013 folder
 * @param images decoded images
 * @param labels class index per image
 */
public record Fer2013(String name, List<String> paths, List<RgbImage> images, int[] labels) {
    /** Number of classes present in FER2013 (affect4j's Other is absent). */
    public static final int CLASSES = 7;

    /** Reads split {@code split} of the FER2013 folder {@code dir}. */
    public static Fer2013 read(Path dir, String split) {
        Path csv = dir.resolve("labels.csv");
        List<String> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                if (f.length != 3) {
                    throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected path,label_index,split");
                }
                if (f[2].equals(split)) {
                    paths.add(f[0]);
                    labels.add(Integer.parseInt(f[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException(csv + " has no rows of split '" + split + "'");
        }
        List<RgbImage> images = paths.parallelStream().map(p -> Images.read(dir.resolve(p))).toList();
        return new Fer2013(split, paths, images, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
