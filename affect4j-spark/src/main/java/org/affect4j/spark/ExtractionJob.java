package org.affect4j.spark;

import org.affect4j.data.AnnotatedVideo;
import org.affect4j.data.DataFormatException;
import org.affect4j.data.ExprCorpus;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.jobs.TaskRunner;
import org.affect4j.pipeline.MediaInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans feature extraction over many inputs as one {@link ExtractionItem} per input.
 *
 * <p>Usage:
 * <pre>
 * List&lt;ExtractionItem&gt; items = ExtractionJob.items(List.of(videoFolder), store, List.of("fbank"), "blazeface", TaskRunner.threadsPerTask(runner));
 * JobReport report = runner.run(items);
 * </pre>
 */
public final class ExtractionJob {
    private ExtractionJob() {
    }

    /**
     * One item per input, as {@link MediaInput#resolve} finds them: a file is one input; a folder of images is one
     * frame folder; any other folder gives one item per media file and per frame sub-folder. Nothing is opened here
     * (a corrupt file fails its own item later).
     *
     * @param inputs      files or folders
     * @param store       the feature store root: a local path or a Hadoop file system URI ({@link RemoteStore})
     * @param features    feature names
     * @param detector    face detector name
     * @param threads     ONNX Runtime threads of each item ({@link Runners#threadsPerTask})
     * @throws IllegalArgumentException if an input does not exist, or two inputs share a store name
     */
    public static List<ExtractionItem> items(List<Path> inputs, String store, List<String> features, String detector,
                                             int threads) {
        List<ExtractionItem> out = new ArrayList<>();
        for (Path in : inputs) {
            for (MediaInput m : MediaInput.resolve(in)) {
                out.add(new ExtractionItem(m.name(), StoreLocation.of(m.path()), storeLocation(store), features,
                        detector, threads));
            }
        }
        TaskRunner.checkUniqueNames(out);
        return out;
    }

    /**
     * One item per annotation file of an Aff-Wild2 tree ({@link ExprCorpus#scan}), named like the file, as
     * {@code extract --corpus} does: {@code VIDEO_left} and {@code VIDEO_right} become two items on the same video,
     * each following that person's face.
     *
     * @throws DataFormatException if an annotation file has no video under {@code videos}
     */
    public static List<ExtractionItem> corpusItems(Path annotations, Path videos, String store, List<String> features,
                                                   String detector, int threads) {
        return videoItems(ExprCorpus.scan(annotations, videos, null).videos(), videos, store, features, detector, threads);
    }

    /**
     * One item per entry (annotated, or of an unlabelled test list from {@link ExprCorpus#unlabelled}), named like
     * it, so {@code _left} / {@code _right} entries of one video get their own rows and follow their person.
     *
     * @param videos the folder the media were looked up in (for the message when one is missing)
     */
    public static List<ExtractionItem> videoItems(List<AnnotatedVideo> entries, Path videos, String store,
                                                  List<String> features, String detector, int threads) {
        List<ExtractionItem> out = new ArrayList<>();
        for (AnnotatedVideo v : entries) {
            out.add(new ExtractionItem(v.name(), StoreLocation.of(v.requireMedia(videos)), storeLocation(store),
                    features, detector, threads));
        }
        TaskRunner.checkUniqueNames(out);
        return out;
    }

    /** A remote store URI as given, a local one absolute (executors resolve it themselves). */
    private static String storeLocation(String store) {
        return RemoteStores.isRemote(store) ? store : StoreLocation.of(StoreLocation.resolve(store));
    }
}
