package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.ExtractionResult;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code affect4j predict} as a library call: extracts the features a model needs into a private temporary store,
 * runs the model, and hands the resulting {@link ExpressionTrack} to a writer (the report files). The temporary
 * store is removed afterwards, whatever happens.
 */
public final class Predictor {
    /** Voice-activity feature used for the speech share in reports. */
    public static final String VAD = "vad";
    private static final double SPEECH_THRESHOLD = 0.5;
    private static final int CROP_SAMPLES = 6;

    /** Renders a finished track (e.g. writes frames.csv, the plot and the report). */
    @FunctionalInterface
    public interface TrackWriter {
        void write(ExpressionTrack track) throws IOException;
    }

    private final ExpressionModel model;
    private final int threads;
    private final double folderFps;

    /**
     * @param model     the expression model
     * @param threads   worker threads
     * @param folderFps frame rate of a folder-of-frames input (a folder has none of its own); 0 when not given
     */
    public Predictor(ExpressionModel model, int threads, double folderFps) {
        this.model = model;
        this.threads = threads;
        this.folderFps = folderFps;
    }

    /**
     * Predicts one input.
     *
     * @throws IllegalArgumentException for unusable input (one clear message)
     */
    public ExpressionTrack predict(MediaInput input, ExtractionListener listener, TrackWriter writer) throws IOException {
        Path tmp = Files.createTempDirectory("affect4j-predict-");
        try {
            FeatureStore store = new FeatureStore(tmp.resolve("store"));
            List<String> features = new ArrayList<>(model.features());
            if (!features.contains(VAD) && input.kind() != MediaInput.Kind.IMAGE) features.add(VAD);
            ExtractionOptions opts = ExtractionOptions.builder(features).crops(tmp.resolve("crops"), CROP_SAMPLES)
                    .folderFps(folderFps).threads(threads).faceEvery(model.faceEvery()).build();
            ExtractionResult r;
            try (VideoExtraction x = new VideoExtraction(store, opts)) {
                r = x.extract(input, listener);
            }
            FramePredictions p = model.predict(store, input.name());
            ExpressionTrack track = track(input, store, r, p, tmp.resolve("crops").resolve(input.name()));
            writer.write(track);
            return track;
        } finally {
            AtomicFiles.deleteTreeQuietly(tmp);
        }
    }

    private ExpressionTrack track(MediaInput in, FeatureStore store, ExtractionResult r, FramePredictions p, Path crops) {
        int n = p.frames();
        VideoInfo info = store.video(in.name()).orElseThrow();
        boolean[] face = new boolean[n];
        float[][] boxes = new float[n][];
        if (store.has(VideoExtraction.FACE_BOX, in.name())) {
            FeatureMatrix b = store.get(VideoExtraction.FACE_BOX, in.name());
            for (int i = 0; i < n; i++) {
                face[i] = b.isValid(i);
                if (face[i]) boxes[i] = java.util.Arrays.copyOf(b.row(i), 4);
            }
        }
        boolean[] speech = new boolean[n];
        if (store.has(VAD, in.name())) {
            FeatureMatrix v = store.get(VAD, in.name());
            for (int i = 0; i < n; i++) speech[i] = v.isValid(i) && v.get(i, 0) >= SPEECH_THRESHOLD;
        }
        boolean anyFace = r.faceFrames() > 0, anyVoice = r.audioRows() > 0;
        String modalities = anyFace && anyVoice ? "face+voice" : anyFace ? "face only" : anyVoice ? "voice only" : "none";
        return new ExpressionTrack(in.name(), in.path(), info.fps(), p, face, boxes, speech, modalities,
                sampleCrops(crops), model.description());
    }

    /** Up to {@value #CROP_SAMPLES} crop files evenly spread over the video. */
    private static List<Path> sampleCrops(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        if (all.size() <= CROP_SAMPLES) return all;
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < CROP_SAMPLES; k++) out.add(all.get((int) ((k + 0.5) * all.size() / CROP_SAMPLES)));
        return out;
    }
}
