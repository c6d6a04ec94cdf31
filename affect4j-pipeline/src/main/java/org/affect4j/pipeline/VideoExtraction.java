package org.affect4j.pipeline;

import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.data.RgbImage;
import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.media.AudioDecoder;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.MediaException;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixWriter;
import org.affect4j.store.VideoInfo;
import org.affect4j.util.Phases;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts the asked features of one input after another into a {@link FeatureStore}: faces are detected, tracked
 * and aligned (or taken as they are from crop folders), every visual extractor runs on the crops in batches, the
 * audio track is decoded once, beside the pass over the pictures ({@link SoundtrackRows}), and every audio
 * descriptor stream is resampled onto the frames. Resumable: a
 * (feature, video) pair already complete in the store is not computed again.
 *
 * <p>Extractors are created once and reused for every input; close this object to release them. Not thread-safe:
 * use one instance per thread (the Spark job does).
 */
public final class VideoExtraction implements AutoCloseable {
    /**
     * Written beside the visual features whenever faces are searched: per frame {x, y, width, height, score} of the
     * followed face in frame pixels (zeros and invalid where there is none; NaN-free: pre-aligned crops get the
     * whole crop as box and score 0).
     */
    public static final String FACE_BOX = "facebox";
    private final FeatureStore store;
    private final ExtractionOptions options;
    private final Map<String, FrameFeatureExtractor> visual = new LinkedHashMap<>();
    private final Map<String, AudioFeatureExtractor> audio = new LinkedHashMap<>();
    private final FaceCropSources faces;
    private final SoundtrackRows soundtrack;
    private SideBySideNets nets;

    /**
     * Creates every extractor (so bad names fail before any work) and records the feature descriptors.
     *
     * @throws IllegalArgumentException for an unknown feature name or a descriptor clash with the store
     */
    public VideoExtraction(FeatureStore store, ExtractionOptions options) {
        this.store = store;
        this.options = options;
        FeatureNames names = FeatureNames.parse(options.features());
        this.faces = new FaceCropSources(options);
        this.soundtrack = new SoundtrackRows(store, audio, options.threads());
        try {
            ExtractorSetup.create(names, options, faces::prepare, visual, audio);
            nets = new SideBySideNets(new ArrayList<>(visual.values()), options.threads());
            Phases.mark("networks created");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // how the face was found is part of what a visual row means
        Map<String, String> faceFinding = new LinkedHashMap<>(Map.of("detector", options.detector(), "track", options.track()));
        if (options.faceEvery() > 1) faceFinding.put("faceEvery", Integer.toString(options.faceEvery()));
        if (options.stillMinScore() > 0) faceFinding.put("stillMinScore", Double.toString(options.stillMinScore()));
        visual.values().forEach(e -> {
            Map<String, String> p = new LinkedHashMap<>(e.provenance());
            p.putAll(faceFinding);
            StoreDescriptors.record(store, e.id(), e.dimension(), e.getClass().getName(), p);
        });
        if (!visual.isEmpty()) {
            StoreDescriptors.record(store, FACE_BOX, 5, VideoExtraction.class.getName(), Map.of("columns", "x,y,width,height,score",
                    "detector", options.detector(), "track", options.track()));
        }
        audio.values().forEach(e -> StoreDescriptors.record(store, e.id(), e.dimension(), e.getClass().getName(), e.provenance()));
    }

    /** The feature ids this extraction writes, visual first. */
    public List<String> featureIds() {
        List<String> ids = new ArrayList<>(visual.keySet());
        ids.addAll(audio.keySet());
        return ids;
    }

    /**
     * Extracts one input.
     *
     * @throws MediaException (an IllegalArgumentException) when the input cannot be used at all
     */
    public ExtractionResult extract(MediaInput in, ExtractionListener listener) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<String> visualIds = new ArrayList<>(visual.keySet());
        if (!visualIds.isEmpty()) visualIds.add(FACE_BOX);
        List<String> needVisual = missing(visualIds, in.name(), skipped);
        List<String> needAudio = missing(audio.keySet(), in.name(), skipped);
        // said once the input has been read: an unreadable one ends with its error line alone
        String modalityNote = null;
        if (in.kind() == MediaInput.Kind.AUDIO && !needVisual.isEmpty()) {
            modalityNote = in.name() + ": audio-only input, visual features " + needVisual + " not computed";
            needVisual = List.of();
        }
        if (in.kind() != MediaInput.Kind.VIDEO && in.kind() != MediaInput.Kind.AUDIO && !needAudio.isEmpty()) {
            modalityNote = in.name() + ": a still image or frame folder has no sound, audio features " + needAudio + " not computed";
            needAudio = List.of();
        }
        if (needVisual.isEmpty() && needAudio.isEmpty()) {
            if (modalityNote != null) listener.note(modalityNote);
            VideoInfo v = store.video(in.name()).orElse(null);
            listener.note(in.name() + ": already complete in the store, skipped");
            return new ExtractionResult(in.name(), v == null ? -1 : v.frames(), v == null ? 0 : v.fps(), List.of(), skipped, -1, -1);
        }
        List<String> written = new ArrayList<>();
        int frames = -1;
        double fps = 0;
        int faceFrames = -1;
        SoundtrackRows.Written sound = null;
        // a video's soundtrack is analysed beside the pass over its pictures, which counts the frames it aligns to
        try (SoundtrackRows.Beside beside = in.kind() == MediaInput.Kind.VIDEO && !needAudio.isEmpty()
                ? soundtrack.beside(in, needAudio) : null) {
            if (in.kind() == MediaInput.Kind.VIDEO && needVisual.isEmpty()) {
                // audio features only: their rows need the frame count and rate, not a face search
                try (FFmpegVideoSource v = FFmpegVideoSource.openForCounting(in.path())) {
                    listener.started(in, v.declaredFrameCount());
                    fps = v.frameRate();
                    frames = 0;
                    while (v.skip()) {
                        if (++frames % options.batch() == 0) listener.framesDone(options.batch());
                    }
                    listener.framesDone(frames % options.batch());
                }
                if (frames == 0) throw new MediaException(in.path() + " has no decodable frames");
            } else if (in.kind() != MediaInput.Kind.AUDIO) {
                Map<String, MatrixWriter> writers = new LinkedHashMap<>();
                try (FaceCropSource src = faces.open(in)) {
                    listener.started(in, src.expectedFrames());
                    fps = src.frameRate();
                    for (String id : needVisual) writers.put(id, store.writer(id, in.name()));
                    VisualPass pass = visualPass(src, needVisual, (c, rows) -> writers.forEach((id, w) -> w.append(rows.get(id), c.found())), listener);
                    frames = pass.frames;
                    faceFrames = pass.faceFrames;
                    if (frames == 0) throw new MediaException(in.path() + " has no decodable frames");
                    if (!needVisual.isEmpty() && faceFrames == 0) {
                        listener.note(in.name() + ": no face found in any of " + frames + " frames; visual features are all marked invalid");
                    }
                    for (var w : writers.entrySet()) {
                        w.getValue().commit();
                        written.add(w.getKey());
                    }
                } finally {
                    writers.values().forEach(MatrixWriter::close);
                }
            } else {
                // opened before its progress starts, so an unreadable recording ends with its error line alone
                AudioDecoder.requireAudio(in.path());
                listener.started(in, -1);
            }
            if (beside != null) sound = beside.finish(frames, fps);
        }
        if (sound == null && !needAudio.isEmpty()) { // an audio-only input: its duration sets the rows
            sound = soundtrack.audioFile(in, needAudio, options.audioRate());
            frames = sound.rows();
            fps = options.audioRate();
        }
        int audioRows = -1;
        if (sound != null) {
            if (!sound.sound()) listener.note(in.name() + ": no audio track; audio features are marked invalid");
            audioRows = sound.validRows();
            written.addAll(needAudio);
        }
        store.putVideo(new VideoInfo(in.name(), frames, fps, in.path().toString()));
        if (modalityNote != null) listener.note(modalityNote);
        ExtractionResult r = new ExtractionResult(in.name(), frames, fps, written, skipped, faceFrames, audioRows);
        listener.finished(in, r);
        return r;
    }

    private List<String> missing(Iterable<String> ids, String video, List<String> skipped) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (store.has(id, video)) skipped.add(id);
            else out.add(id);
        }
        return out;
    }

    private record VisualPass(int frames, int faceFrames) {
    }

    /** Receives the visual rows of one frame, in frame order, as soon as they are computed. */
    @FunctionalInterface
    public interface FrameSink {
        /**
         * One frame's rows.
         *
         * @param face the frame's face (its crop only valid during the call)
         * @param rows by feature id, every visual feature and {@link #FACE_BOX}; valid when {@code face.found()},
         *             zeros otherwise; the arrays may be shared between frames: do not change them
         */
        void frame(FaceCrop face, Map<String, float[]> rows);

        /**
         * The frames of one embedded batch have all been handed on (a sink that batches work of its own runs it now,
         * so nothing waits longer than the batch it came in).
         */
        default void batchDone() {
        }
    }

    /**
     * One video's rows streamed to {@code sink} instead of the store: the person to follow is chosen over the whole
     * video first (the tracking pass, as {@link #extract} chooses), the audio features are written into the store
     * (rows on the video frames; they are small, and a voice branch normalises over the whole recording), then the
     * faces are aligned and embedded batch by batch, each frame's rows handed on as its batch is done. Memory stays
     * flat whatever the length: no visual row is kept. The store gets the audio rows and the video's
     * {@link VideoInfo} (frame rate and count), both before the first frame reaches the sink.
     *
     * @throws MediaException (an IllegalArgumentException) when the input is not a video or cannot be used
     */
    public ExtractionResult stream(MediaInput in, ExtractionListener listener, FrameSink sink) throws IOException {
        if (in.kind() != MediaInput.Kind.VIDEO) throw new MediaException(in.path() + " is not a video: nothing to stream");
        List<String> ids = new ArrayList<>(visual.keySet());
        ids.add(FACE_BOX);
        // the soundtrack is analysed beside the tracking pass, which counts the frames it aligns to
        try (SoundtrackRows.Beside beside = audio.isEmpty() ? null : soundtrack.beside(in, List.copyOf(audio.keySet()));
             FaceCropSource src = faces.open(in)) {
            int expected = src.expectedFrames();
            Phases.mark("video opened, face track chosen");
            listener.started(in, expected);
            double fps = src.frameRate();
            int audioRows = -1;
            if (beside != null) {
                SoundtrackRows.Written sound = beside.finish(expected, fps);
                if (!sound.sound()) listener.note(in.name() + ": no audio track; audio features are marked invalid");
                audioRows = sound.validRows();
            }
            Phases.mark("soundtrack analysed");
            store.putVideo(new VideoInfo(in.name(), expected, fps, in.path().toString())); // the sink may need the rate
            VisualPass pass = visualPass(src, ids, sink, listener);
            Phases.mark("faces embedded, frames handed on");
            if (pass.frames == 0) throw new MediaException(in.path() + " has no decodable frames");
            if (pass.frames != expected) {
                throw new MediaException(in.path() + " decoded " + pass.frames + " frames, " + expected + " on the first pass");
            }
            if (pass.faceFrames == 0) {
                listener.note(in.name() + ": no face found in any of " + pass.frames + " frames; visual features are all marked invalid");
            }
            ExtractionResult r = new ExtractionResult(in.name(), pass.frames, fps, List.copyOf(audio.keySet()), List.of(),
                    pass.faceFrames, audioRows);
            listener.finished(in, r);
            return r;
        }
    }

    /**
     * Streams the crops, running the extractors batch by batch and handing each batch's rows to {@code sink} (the
     * store's writers, or a caller): memory stays flat whatever the video length.
     */
    private VisualPass visualPass(FaceCropSource src, List<String> ids, FrameSink sink, ExtractionListener listener)
            throws IOException {
        List<FaceCrop> batch = new ArrayList<>(options.batch());
        BetweenKeyFrames between = new BetweenKeyFrames(FaceCropPipeline.keyStride(options.faceEvery(), src.frameRate()));
        int faceFrames = 0, frames = 0;
        FaceCrop c;
        while ((c = src.next()) != null) {
            if (c.index() != frames) throw new IllegalStateException("face source skipped frame " + frames);
            frames++;
            if (frames == 1) Phases.mark("first frame decoded and searched");
            if (c.found()) faceFrames++;
            listener.frameFace(c);
            batch.add(c);
            if (batch.size() == options.batch()) {
                flush(batch, ids, sink, between);
                sink.batchDone();
                if (frames == options.batch()) Phases.mark("first batch embedded");
                listener.framesDone(batch.size());
                batch.clear();
            }
        }
        flush(batch, ids, sink, between);
        between.end(sink);
        sink.batchDone();
        listener.framesDone(batch.size());
        return new VisualPass(frames, faceFrames);
    }

    private static float[] boxRow(FaceCrop c) {
        if (!c.found()) return new float[5];
        if (c.box() == null) return new float[] {0, 0, c.crop().width(), c.crop().height(), 0};
        return new float[] {c.box()[0], c.box()[1], c.box()[2], c.box()[3], Float.isNaN(c.score()) ? 0 : c.score()};
    }

    /**
     * Hands on one row per frame of the batch, in frame order: the embedding where there is a face, zeros elsewhere.
     * With {@link ExtractionOptions#faceEvery()} above 1, the face frames between key frames get rows interpolated
     * between the key frames around them ({@link BetweenKeyFrames}), so they wait for the next key frame.
     */
    private void flush(List<FaceCrop> batch, List<String> ids, FrameSink sink, BetweenKeyFrames between) {
        if (batch.isEmpty()) return;
        List<FaceCrop> embed = new ArrayList<>(batch.size());
        boolean[] key = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            FaceCrop c = batch.get(i);
            key[i] = c.found() && between.keys().embeds(c.index(), true);
            embed.add(c.found() && !key[i] ? new FaceCrop(c.index(), null, c.box(), c.score()) : c);
        }
        Map<String, float[][]> rows = rows(embed, ids);
        for (int i = 0; i < batch.size(); i++) {
            FaceCrop c = batch.get(i);
            if (c.found() && !key[i]) {
                between.waiting(c);
                continue;
            }
            Map<String, float[]> frame = new LinkedHashMap<>();
            for (String id : ids) frame.put(id, rows.get(id)[i]);
            if (key[i]) between.key(c.index(), frame, sink);
            else between.end(sink);
            sink.frame(c, frame);
        }
    }

    /**
     * The face frames between two key frames of a video ({@link ExtractionOptions#faceEvery()}, {@link KeyFrames}):
     * each gets every embedding interpolated linearly between the key frame before it and the next one, by its
     * distance to each, and its own interpolated box. A face frame after which no key frame comes before the face is
     * lost (a frame without a face, or the video's end) holds the last key frame's embedding. Interpolated rather
     * than held: the probabilities stay closer to those of embedding every frame (bench/face-every.sh, README
     * "Speed"). The waiting frames are at most faceEvery - 1.
     */
    private static final class BetweenKeyFrames {
        private final KeyFrames keys;
        private final List<FaceCrop> waiting = new ArrayList<>();
        private int lastKey = -1;
        private Map<String, float[]> lastRows;

        BetweenKeyFrames(int faceEvery) {
            keys = new KeyFrames(faceEvery);
        }

        KeyFrames keys() {
            return keys;
        }

        void waiting(FaceCrop c) {
            waiting.add(c);
        }

        /** A key frame's rows are in: hands on the frames waiting for it, interpolated, and keeps its rows. */
        void key(int index, Map<String, float[]> rows, FrameSink sink) {
            for (FaceCrop c : waiting) {
                float t = (float) (c.index() - lastKey) / (index - lastKey);
                Map<String, float[]> frame = new LinkedHashMap<>();
                for (var e : rows.entrySet()) {
                    if (e.getKey().equals(FACE_BOX)) {
                        frame.put(FACE_BOX, boxRow(c));
                        continue;
                    }
                    float[] a = lastRows.get(e.getKey()), b = e.getValue(), r = new float[b.length];
                    for (int j = 0; j < r.length; j++) r[j] = a[j] + (b[j] - a[j]) * t;
                    frame.put(e.getKey(), r);
                }
                sink.frame(c, frame);
            }
            waiting.clear();
            lastKey = index;
            lastRows = rows;
        }

        /** No key frame is coming for the waiting frames (a frame without a face, or the end): they hold the last one's rows. */
        void end(FrameSink sink) {
            for (FaceCrop c : waiting) {
                Map<String, float[]> frame = new LinkedHashMap<>(lastRows);
                if (frame.containsKey(FACE_BOX)) frame.put(FACE_BOX, boxRow(c));
                sink.frame(c, frame);
            }
            waiting.clear();
        }
    }

    /**
     * The rows of the named visual features (and {@link #FACE_BOX}) for a batch of frames: the embedding where there
     * is a face, zeros elsewhere. The one place crops become feature rows, for videos, images and frame folders.
     */
    private Map<String, float[][]> rows(List<FaceCrop> batch, Iterable<String> ids) {
        List<RgbImage> crops = new ArrayList<>();
        for (FaceCrop c : batch) if (c.found()) crops.add(c.crop());
        Map<String, float[][]> embedded = crops.isEmpty() ? Map.of() : nets.run(crops);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (String id : ids) {
            float[][] r = new float[batch.size()][];
            if (id.equals(FACE_BOX)) {
                for (int i = 0; i < r.length; i++) r[i] = boxRow(batch.get(i));
            } else {
                FrameFeatureExtractor e = visual.get(id);
                float[][] emb = crops.isEmpty() ? new float[0][] : embedded.get(id);
                float[] zeros = new float[e.dimension()];
                int k = 0;
                for (int i = 0; i < r.length; i++) r[i] = batch.get(i).found() ? emb[k++] : zeros;
            }
            out.put(id, r);
        }
        return out;
    }

    /**
     * The visual rows of still images, each computed exactly as {@link #extract} computes the single frame of a
     * {@link MediaInput.Kind#IMAGE} input (face found in the image, or on a canvas around it, aligned, embedded),
     * without a store: for recipes that turn thousands of labelled pictures into training rows through the path
     * {@code predict} runs. Row i of every matrix is image i; invalid where no face was found. Faces are searched
     * on {@code threads} workers and embedded in batches.
     */
    public Map<String, FeatureMatrix> stillImages(List<RgbImage> images) {
        List<String> ids = new ArrayList<>(visual.keySet());
        ids.add(FACE_BOX);
        List<FaceCrop> crops = faces.cropStills(images);
        Map<String, List<float[]>> rows = new LinkedHashMap<>();
        for (String id : ids) rows.put(id, new ArrayList<>(images.size()));
        for (int from = 0; from < crops.size(); from += options.batch()) {
            Map<String, float[][]> b = rows(crops.subList(from, Math.min(crops.size(), from + options.batch())), ids);
            b.forEach((id, r) -> rows.get(id).addAll(List.of(r)));
        }
        boolean[] valid = new boolean[images.size()];
        for (int i = 0; i < valid.length; i++) valid[i] = crops.get(i).found();
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        rows.forEach((id, r) -> {
            FeatureMatrix all = FeatureMatrix.ofRows(r.toArray(new float[0][]));
            out.put(id, new FeatureMatrix(all.rows(), all.dim(), all.data(), valid.clone()));
        });
        return out;
    }

    @Override
    public void close() {
        if (nets != null) nets.close();
        visual.values().forEach(FrameFeatureExtractor::close);
        audio.values().forEach(AudioFeatureExtractor::close);
        if (faces != null) faces.close();
    }
}
