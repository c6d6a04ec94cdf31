package org.affect4j.spark;

import org.affect4j.media.MediaFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plans feature extraction over many inputs as one {@link ExtractionItem} per input.
 *
 * <p>Usage:
 * <pre>
 * List&lt;ExtractionItem&gt; items = ExtractionJob.items(List.of(videoFolder), store, List.of("fbank"), "blazeface", runner.parallelism());
 * JobReport report = runner.run(items);
 * </pre>
 */
public final class ExtractionJob {
    private ExtractionJob() {
    }

    /**
     * One item per input: a file is one input; a folder of images is one frame folder; any other folder gives one
     * item per non-hidden file and per sub-folder. Nothing is opened here (a corrupt file fails its own item later).
     *
     * @param inputs      files or folders
     * @param store       the feature store root
     * @param features    feature names
     * @param detector    face detector name
     * @param parallelism items that will run at once; each item gets {@code cores / parallelism} threads
     * @throws IllegalArgumentException if an input does not exist, or two inputs share a store name
     */
    public static List<ExtractionItem> items(List<Path> inputs, Path store, List<String> features, String detector,
                                             int parallelism) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallelism));
        List<ExtractionItem> out = new ArrayList<>();
        for (Path in : inputs) {
            for (Path p : expand(in)) {
                String name = Files.isDirectory(p) ? p.getFileName().toString() : MediaFiles.baseName(p);
                out.add(new ExtractionItem(name, StoreLocation.of(p), StoreLocation.of(store), features, detector, threads));
            }
        }
        TaskRunner.checkUniqueNames(out);
        return out;
    }

    private static List<Path> expand(Path in) {
        if (!Files.exists(in)) throw new IllegalArgumentException(in + " does not exist");
        if (Files.isRegularFile(in)) return List.of(in);
        List<Path> entries = list(in);
        if (!entries.isEmpty() && entries.stream().filter(Files::isRegularFile).allMatch(MediaFiles::isImage)
                && entries.stream().anyMatch(Files::isRegularFile)) {
            return List.of(in); // a frame folder is one input
        }
        return entries.stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
