package org.affect4j.pipeline;

import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to extract. Build one with {@link #builder(List)}: every setting but the features has a default.
 *
 * @param features    feature names (see {@link FeatureNames})
 * @param detector    face detector, a {@link FaceDetectorFactory} name: {@code blazeface-cascade} (the front 128
 *                    model, and the 256 back model where it finds no face: the default), {@code blazeface} (front
 *                    model only), {@code blazeface-back} (256 model, small or distant faces), {@code haar} (OpenCV
 *                    cascade) or a plug-in
 * @param track       whose face to follow: {@code auto} (from an Aff-Wild2 {@code _left}/{@code _right} name, else the
 *                    main face), {@code main}, {@code left}, {@code right}
 * @param cropsDir    when not null, aligned crops are written as {@code cropsDir/<name>/<NNNNN>.jpg}
 * @param cropSamples with {@code cropsDir}: 0 writes the crop of every frame with a face (the ABAW layout); n > 0
 *                    writes only n crops spread evenly over the frames with a face (what a report shows)
 * @param folderFps   frame rate of frame-folder inputs (a folder has none of its own); 0 = not given
 * @param audioRate   rows per second of audio features for audio-only inputs (native hop: 100)
 * @param threads     threads for ONNX Runtime
 * @param batch       faces per extractor call
 * @param faceEvery   key-frame stride of the face branch in videos: the face is detected and embedded on every n-th
 *                    frame only; between key frames the followed face's box and key points and every embedding are
 *                    interpolated from the key frames around them (held after the last key frame before the face
 *                    is lost or the video ends). {@code predict}'s default model uses 4 (0.13 s at 30 fps, inside
 *                    its 0.5 s smoothing); 1 (every frame) for
 *                    the feature store and for trained runs. Frame folders are not detected, only embedded on key
 *                    frames; still images are one frame and always done.
 * @param stillMinScore a still image in which no face is found at the detector's own score, as it is nor on a canvas
 *                    twice its size, is searched once more on the canvas down to this score (0: not searched again;
 *                    {@link org.affect4j.faces.FaceCropPipeline#trackSingle})
 * @param standIns    visual features computed by another extractor in their place, an approximation that is cheaper
 *                    to run ({@link StandIn}; e.g. {@code faceres} by {@code faceres-int8}): feature name to extractor
 *                    name; empty (the default): every feature by its own extractor
 */
public record ExtractionOptions(List<String> features, String detector, String track, Path cropsDir, int cropSamples,
                                double folderFps, double audioRate, int threads, int batch, int faceEvery,
                                double stillMinScore, Map<String, String> standIns) {
    /** The values {@link #track()} accepts. */
    public static final List<String> TRACKS = List.of("auto", "main", "left", "right");

    /** Throws naming the known tracks unless {@code track} is one of {@link #TRACKS}. */
    public static void checkTrack(String track) {
        if (!TRACKS.contains(track)) {
            throw new IllegalArgumentException("unknown track '" + track + "'; choose " + String.join(", ", TRACKS));
        }
    }

    public ExtractionOptions {
        features = List.copyOf(features);
        standIns = Map.copyOf(standIns);
        for (String f : standIns.keySet()) {
            if (!features.contains(f)) {
                throw new IllegalArgumentException("a stand-in for '" + f + "', which is not among the features " + features);
            }
        }
        FaceDetectorFactory.ALL.get(detector); // an unknown name fails here, naming the nearest and the known ones
        checkTrack(track);
        if (!(folderFps >= 0)) throw new IllegalArgumentException("the frame folders' rate must be >= 0 (0: from the video), got " + folderFps);
        if (!(audioRate > 0)) throw new IllegalArgumentException("the audio row rate must be > 0, got " + audioRate);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        if (batch < 1) throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        if (faceEvery < 1) throw new IllegalArgumentException("the face stride must be at least 1, got " + faceEvery);
        if (cropSamples < 0) throw new IllegalArgumentException("the crop samples must be >= 0, got " + cropSamples);
        if (!(stillMinScore >= 0 && stillMinScore < 1)) {
            throw new IllegalArgumentException("the still pictures' minimum face score must be in [0, 1), got " + stillMinScore);
        }
    }

    /** Defaults: BlazeFace front model, automatic track, no crops, 100 audio rows per second, batches of 32. */
    public static ExtractionOptions of(List<String> features, int threads) {
        return builder(features).threads(threads).build();
    }

    /** A builder with the defaults of {@link #of}, one thread. */
    public static Builder builder(List<String> features) {
        return new Builder(features);
    }

    /** Step-by-step construction, so that call sites name what they set. */
    public static final class Builder {
        private final List<String> features;
        private String detector = FaceDetectors.DEFAULT;
        private String track = "auto";
        private Path cropsDir;
        private int cropSamples;
        private double folderFps;
        private double audioRate = 100;
        private int threads = 1;
        private int batch = 32;
        private int faceEvery = 1;
        private double stillMinScore;
        private Map<String, String> standIns = Map.of();

        private Builder(List<String> features) {
            this.features = features;
        }

        public Builder detector(String v) {
            detector = v;
            return this;
        }

        public Builder track(String v) {
            track = v;
            return this;
        }

        /** Writes every frame's crop under {@code dir}. */
        public Builder crops(Path dir) {
            return crops(dir, 0);
        }

        /** Writes {@code samples} crops (0: all) under {@code dir}. */
        public Builder crops(Path dir, int samples) {
            cropsDir = dir;
            cropSamples = samples;
            return this;
        }

        public Builder folderFps(double v) {
            folderFps = v;
            return this;
        }

        public Builder audioRate(double v) {
            audioRate = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        public Builder faceEvery(int v) {
            faceEvery = v;
            return this;
        }

        public Builder stillMinScore(double v) {
            stillMinScore = v;
            return this;
        }

        /** Features computed by other extractors in their place ({@link StandIn}): feature name to extractor name. */
        public Builder standIns(Map<String, String> v) {
            standIns = v;
            return this;
        }

        /** @throws IllegalArgumentException for an unknown detector or track, or a non-positive number */
        public ExtractionOptions build() {
            return new ExtractionOptions(features, detector, track, cropsDir, cropSamples, folderFps, audioRate,
                    threads, batch, faceEvery, stillMinScore, standIns);
        }
    }
}
