package org.affect4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * A flat directory of per-video text files {@code <name>.txt} (gold annotations, predictions, submissions):
 * the sorted list of names and the path of each. Listing never opens a file, so a corpus-sized directory costs
 * only its names. Sub-directories and files with other extensions are ignored. Immutable.
 */
public final class VideoFiles {
    private final Path dir;
    private final List<String> names;

    private VideoFiles(Path dir, List<String> names) {
        this.dir = dir;
        this.names = names;
    }

    /**
     * Lists {@code dir}.
     *
     * @throws DataFormatException if {@code dir} is not a directory
     */
    public static VideoFiles of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "is not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(p -> p.getFileName().toString().endsWith(PredictionFormat.EXTENSION))
                    .filter(Files::isRegularFile)
                    .map(PredictionReader::videoName)
                    .sorted()
                    .toList();
            return new VideoFiles(dir, names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The video names (file names without {@code .txt}), sorted; unmodifiable. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** Whether {@code <name>.txt} was listed. */
    public boolean contains(String name) {
        return Collections.binarySearch(names, name) >= 0;
    }

    /** The path of {@code <name>.txt} in this directory, whether it exists or not. */
    public Path file(String name) {
        return dir.resolve(name + PredictionFormat.EXTENSION);
    }

    /** The path a video's file gets in another directory, e.g. an output directory. */
    public static Path file(Path dir, String name) {
        return dir.resolve(name + PredictionFormat.EXTENSION);
    }
}
