package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.data.Images;
import org.affect4j.media.Pictures;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.ExtractionResult;
import org.affect4j.pipeline.FaceCrop;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixManifest;
import org.affect4j.store.VideoInfo;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One worker of {@code predict}: a private temporary feature store and a {@link VideoExtraction} (its ONNX sessions
 * created on the first input and reused for every further one), one pair for videos, which run the model's
 * {@linkplain ExpressionModel#videoStandIns() stand-ins}, one for every other input (made when the first such input
 * comes; a store records what computed its rows, so the two are kept apart). Each input is extracted into the store,
 * predicted, and its rows and crops removed again, so the store stays small however many inputs pass through; a few
 * sample crops of each input are kept (for the report) until the session is closed. Not thread-safe: one session
 * per thread.
 */
final class PredictSession implements AutoCloseable {
    static final double SPEECH_THRESHOLD = 0.5;
    private static final int CROP_SAMPLES = 6;
    /** {@code -Daffect4j.predict.whole=true}: predict every input as a whole (the memory benchmark's reference). */
    private static final boolean WHOLE = Boolean.getBoolean("affect4j.predict.whole");

    private final ExpressionModel model;
    private final Object modelLock;
    private final int threads;
    private final double folderFps;
    private final String detector;
    private final int faceEvery;
    private final Path tmp;
    private Lane videos;
    private Lane others;
    private int inputs;

    /**
     * @param modelLock held while the model predicts: models are not promised to be thread-safe, and the model step
     *                  is small next to extraction
     */
    PredictSession(ExpressionModel model, Object modelLock, int threads, double folderFps) {
        this(model, modelLock, threads, folderFps, FaceDetectors.DEFAULT, model.faceEvery());
    }

    /**
     * @param detector  the face detector's name ({@link org.affect4j.faces.FaceDetectorFactory})
     * @param faceEvery in videos, detect and embed the face on every n-th frame ({@link ExpressionModel#faceEvery()})
     */
    PredictSession(ExpressionModel model, Object modelLock, int threads, double folderFps, String detector, int faceEvery) {
        if (faceEvery < 1) throw new IllegalArgumentException("faceEvery must be >= 1, got " + faceEvery);
        this.detector = detector;
        this.faceEvery = faceEvery;
        this.model = model;
        this.modelLock = modelLock;
        this.threads = threads;
        this.folderFps = folderFps;
        try {
            this.tmp = Files.createTempDirectory("affect4j-predict-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** An extraction and the store it writes. */
    private record Lane(FeatureStore store, VideoExtraction extraction) {
    }

    /** The lane of {@code input}'s kind, made on first use. */
    private Lane lane(MediaInput input) {
        boolean video = input.kind() == MediaInput.Kind.VIDEO;
        Lane l = video ? videos : others;
        if (l == null) {
            List<String> features = new ArrayList<>(model.features());
            if (!features.contains(Predictor.VAD)) features.add(Predictor.VAD);
            // only the report's sample crops are written
            ExtractionOptions opts = ExtractionOptions.builder(features).crops(tmp.resolve("crops"), CROP_SAMPLES)
                    .folderFps(folderFps).threads(threads).faceEvery(faceEvery).detector(detector)
                    .stillMinScore(model.stillMinScore()).standIns(video ? model.videoStandIns() : Map.of()).build();
            FeatureStore store = new FeatureStore(tmp.resolve(video ? "store-videos" : "store"));
            l = new Lane(store, new VideoExtraction(store, opts));
            if (video) videos = l;
            else others = l;
        }
        return l;
    }

    /**
     * Predicts one input: streamed when it can be ({@link #streams}), so memory stays flat however long the video,
     * else as a whole ({@link #predictWhole}); the same numbers either way.
     *
     * @throws IllegalArgumentException for unusable input (one clear message)
     */
    ExpressionTrack predict(MediaInput input, ExtractionListener listener) throws IOException {
        if (!streams(input) || WHOLE) return predictWhole(input, listener);
        TrackBuilder b = new TrackBuilder();
        return stream(input, listener, null, b);
    }

    /**
     * Hands every frame of one input to {@code perFrame}, in order, as soon as it is decided ({@link FusionStream}):
     * a video with a streamable model is never held whole; other inputs are predicted whole first.
     *
     * @return the number of frames
     * @throws IllegalArgumentException for unusable input (one clear message)
     */
    int forEachFrame(MediaInput input, ExtractionListener listener, Consumer<FrameExpression> perFrame) throws IOException {
        if (!streams(input)) {
            ExpressionTrack t = predictWhole(input, listener);
            t.stream().forEach(perFrame);
            return t.frames();
        }
        int[] n = {0};
        stream(input, listener, f -> {
            n[0]++;
            perFrame.accept(f);
        }, null);
        return n[0];
    }

    /** True when {@code input} is streamed: a video, and a late-fusion model with a face branch that streams. */
    boolean streams(MediaInput input) {
        return input.kind() == MediaInput.Kind.VIDEO && FusionStream.streams(model)
                && ((LateFusionModel) model).spec().visual() != null;
    }

    /** Frames a streamed video's frame waits for before it is decided, at {@code fps}. */
    int delayFrames(double fps) {
        return new FusionStream((LateFusionModel) model, fps, 1, FusionStream.Timing.FILE, 0, (i, l, p, v) -> { }).delayFrames();
    }

    /**
     * Streams one video: the rows of each frame go from the extraction to the model ({@link FusionStream}) and each
     * decided frame to {@code perFrame} (may be null) and {@code track} (may be null: then nothing is kept per frame).
     *
     * @return the track when {@code track} is given, else null
     */
    private ExpressionTrack stream(MediaInput input, ExtractionListener listener, Consumer<FrameExpression> perFrame,
                                   TrackBuilder track) throws IOException {
        Path crops = tmp.resolve("crops").resolve(input.name());
        Lane lane = lane(input);
        StreamedVideo v = new StreamedVideo((LateFusionModel) model, lane.store(), input.name(), SPEECH_THRESHOLD, perFrame,
                track); // a late-fusion model is thread-safe: no lock
        try {
            ExtractionResult r = lane.extraction().stream(input, listener, v);
            v.finish();
            if (track == null) return null;
            List<Path> samples = keep(sampleCrops(crops), tmp.resolve("kept").resolve(Integer.toString(inputs++)));
            return track.build(input.name(), input.path(), r.fps(), modalities(r), samples, description(input, r.fps()));
        } finally {
            forget(lane.store(), input.name());
            AtomicFiles.deleteTreeQuietly(crops);
        }
    }

    /**
     * Predicts one input as a whole: every feature into the store, then the model on all rows at once (the reference
     * a streamed input matches exactly).
     *
     * @throws IllegalArgumentException for unusable input (one clear message)
     */
    ExpressionTrack predictWhole(MediaInput input, ExtractionListener listener) throws IOException {
        FaceCollector faces = new FaceCollector(listener);
        Path crops = tmp.resolve("crops").resolve(input.name());
        Lane lane = lane(input);
        try {
            ExtractionResult r = lane.extraction().extract(input, faces);
            if (input.kind() == MediaInput.Kind.IMAGE && model.mirrorsStills()) putMirrored(lane, input);
            FramePredictions p;
            synchronized (modelLock) {
                p = model.predict(lane.store(), input.name());
            }
            List<Path> samples = keep(sampleCrops(crops), tmp.resolve("kept").resolve(Integer.toString(inputs++)));
            return track(lane.store(), input, r, p, faces, samples);
        } finally {
            forget(lane.store(), input.name());
            forget(lane.store(), ExpressionModel.mirrored(input.name()));
            AtomicFiles.deleteTreeQuietly(crops);
        }
    }

    /** The face rows of a picture's mirror image, found and embedded as the picture's own, beside them in the store. */
    private static void putMirrored(Lane lane, MediaInput input) throws IOException {
        Map<String, FeatureMatrix> rows = lane.extraction().stillImages(List.of(Images.mirror(Pictures.read(input.path()))));
        String name = ExpressionModel.mirrored(input.name());
        rows.forEach((f, m) -> lane.store().put(f, name, m));
    }

    private ExpressionTrack track(FeatureStore store, MediaInput in, ExtractionResult r, FramePredictions p, FaceCollector faces, List<Path> crops) {
        int n = p.frames();
        VideoInfo info = store.video(in.name()).orElseThrow();
        boolean[] face = new boolean[n];
        float[][] boxes = new float[n][];
        if (store.has(VideoExtraction.FACE_BOX, in.name())) {
            FeatureMatrix b = store.get(VideoExtraction.FACE_BOX, in.name());
            for (int i = 0; i < n; i++) {
                face[i] = b.isValid(i);
                if (face[i]) boxes[i] = Arrays.copyOf(b.row(i), 4);
            }
        }
        boolean[] speech = new boolean[n];
        if (store.has(Predictor.VAD, in.name())) {
            FeatureMatrix v = store.get(Predictor.VAD, in.name());
            for (int i = 0; i < n; i++) speech[i] = v.isValid(i) && v.get(i, 0) >= SPEECH_THRESHOLD;
        }
        return new ExpressionTrack(in.name(), in.path(), info.fps(), p, face, boxes, speech, modalities(r), crops,
                description(in, info.fps()), faces.details(n));
    }

    /** The model's description, and for a video how often its face was embedded (the report says what it read). */
    private Map<String, String> description(MediaInput in, double fps) {
        boolean frames = in.kind() == MediaInput.Kind.VIDEO || in.kind() == MediaInput.Kind.FRAME_FOLDER;
        int every = org.affect4j.faces.FaceCropPipeline.keyStride(faceEvery, fps);
        Map<String, String> standIns = in.kind() == MediaInput.Kind.VIDEO ? model.videoStandIns() : Map.of();
        if ((!frames || every == 1) && standIns.isEmpty()) return model.description();
        Map<String, String> d = new java.util.LinkedHashMap<>(model.description());
        if (frames && every > 1) {
            d.put("face frames", "embedded on every " + every + ordinal(every)
                    + " frame, the frames between interpolated (--face-every 1: every frame)");
        }
        if (!standIns.isEmpty()) {
            d.put("face networks", "in video frames " + standIns.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + " computed by " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                    + ", a cheaper approximation (pictures: the networks themselves)");
        }
        return d;
    }

    private static String ordinal(int n) {
        int t = n % 100;
        if (t >= 11 && t <= 13) return "th";
        return switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private static String modalities(ExtractionResult r) {
        boolean anyFace = r.faceFrames() > 0, anyVoice = r.audioRows() > 0;
        return anyFace && anyVoice ? "face+voice" : anyFace ? "face only" : anyVoice ? "voice only" : "none";
    }

    /** Removes one input's rows from the store, so the next input of the same name starts afresh. */
    private static void forget(FeatureStore store, String name) {
        Path root = store.root();
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                for (String f : List.of(name + ".npy", name + ".mask.npy", name + ".json", name + MatrixManifest.SUFFIX)) Files.deleteIfExists(d.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the temporary store " + root + ": " + e.getMessage(), e);
        }
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

    /** Moves the sample crops (names kept: they carry the frame number) out of the input's crop folder. */
    private static List<Path> keep(List<Path> crops, Path dir) throws IOException {
        if (crops.isEmpty()) return crops;
        Files.createDirectories(dir);
        List<Path> kept = new ArrayList<>(crops.size());
        for (Path c : crops) kept.add(Files.move(c, dir.resolve(c.getFileName())));
        return kept;
    }

    @Override
    public void close() {
        try {
            try {
                if (videos != null) videos.extraction().close();
            } finally {
                if (others != null) others.extraction().close();
            }
        } finally {
            AtomicFiles.deleteTreeQuietly(tmp);
        }
    }

    /** Passes every event on and keeps each frame's detector detail (a few numbers per frame, never the crop). */
    private static final class FaceCollector implements ExtractionListener {
        private final ExtractionListener next;
        private final List<FaceCrop> frames = new ArrayList<>();

        FaceCollector(ExtractionListener next) {
            this.next = next;
        }

        @Override
        public void started(MediaInput input, int frames) {
            next.started(input, frames);
        }

        @Override
        public void framesDone(int n) {
            next.framesDone(n);
        }

        @Override
        public void frameFace(FaceCrop face) {
            frames.add(new FaceCrop(face.index(), null, null, face.score(), face.keypoints(), face.faces(), face.trackId()));
            next.frameFace(face);
        }

        @Override
        public void note(String message) {
            next.note(message);
        }

        @Override
        public void finished(MediaInput input, ExtractionResult result) {
            next.finished(input, result);
        }

        FaceDetails details(int n) {
            FaceDetails d = FaceDetails.unknown(n);
            for (FaceCrop c : frames) {
                int i = c.index();
                if (i < 0 || i >= n) continue;
                d.faces()[i] = c.faces();
                d.trackIds()[i] = c.trackId();
                d.keypoints()[i] = c.keypoints();
                if (c.keypoints() != null) d.scores()[i] = c.score();
            }
            return d;
        }
    }
}
