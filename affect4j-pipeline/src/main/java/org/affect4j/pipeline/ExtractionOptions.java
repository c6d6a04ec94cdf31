package org.affect4j.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * How to extract.
 *
 * @param features   feature names (see {@link FeatureNames})
 * @param detector   face detector: {@code blazeface} (front 128 model), {@code blazeface-back} (256 model, small or
 *                   distant faces) or {@code haar} (OpenCV cascade)
 * @param track      whose face to follow: {@code auto} (from an Aff-Wild2 {@code _left}/{@code _right} name, else the
 *                   main face), {@code main}, {@code left}, {@code right}
 * @param cropsDir   when not null, aligned crops are written as {@code cropsDir/<name>/<NNNNN>.jpg}
 * @param folderFps  frame rate of frame-folder inputs (a folder has none of its own); 0 = not given
 * @param audioRate  rows per second of audio features for audio-only inputs (native hop: 100)
 * @param threads    threads for ONNX Runtime
 * @param batch      faces per extractor call
 * @param embedEvery in videos and frame folders, run the embedding nets on every n-th frame with a face and let
 *                   the frames between hold the last embedding (faces are still found and tracked in every frame):
 *                   {@code predict} uses 3 (0.1 s at 30 fps, well inside its 0.5 s smoothing) to run about twice as
 *                   fast; 1 (every frame) for the feature store. Still images are one frame and always embedded.
 */
public record ExtractionOptions(List<String> features, String detector, String track, Path cropsDir, double folderFps,
                                double audioRate, int threads, int batch, int embedEvery) {
    public ExtractionOptions {
        features = List.copyOf(features);
        if (!List.of("blazeface", "blazeface-back", "haar").contains(detector)) {
            throw new IllegalArgumentException("unknown face detector '" + detector + "'; choose blazeface, blazeface-back or haar");
        }
        if (!List.of("auto", "main", "left", "right").contains(track)) {
            throw new IllegalArgumentException("unknown track '" + track + "'; choose auto, main, left or right");
        }
        if (folderFps < 0 || !(audioRate > 0) || threads < 1 || batch < 1 || embedEvery < 1) {
            throw new IllegalArgumentException("frame rates, threads and batch size must be positive");
        }
    }

    /** Every frame embedded ({@code embedEvery} 1). */
    public ExtractionOptions(List<String> features, String detector, String track, Path cropsDir, double folderFps,
                             double audioRate, int threads, int batch) {
        this(features, detector, track, cropsDir, folderFps, audioRate, threads, batch, 1);
    }

    /** Defaults: BlazeFace front model, automatic track, no crops, 100 audio rows per second, batches of 32. */
    public static ExtractionOptions of(List<String> features, int threads) {
        return new ExtractionOptions(features, "blazeface", "auto", null, 0, 100, threads, 32);
    }
}
