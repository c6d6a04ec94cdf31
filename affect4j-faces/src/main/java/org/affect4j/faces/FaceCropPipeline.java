package org.affect4j.faces;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.affect4j.data.RgbImage;
import org.affect4j.media.VideoFrame;
import org.affect4j.media.VideoSource;

/**
 * From frames to the aligned face crops of one person, in two passes over the video:
 * <ol>
 *   <li>{@link #track}: detect faces in every frame and follow them ({@link FaceTracker}); only the detections are
 *       kept (about 70 bytes per face and frame), never the images; at the end choose the person
 *       ({@link TrackSelector}, {@link TrackSelection}) and return their {@link PersonTrack}.</li>
 *   <li>{@link #crops} or {@link #crop}: decode the video again and align each frame's face of that person
 *       ({@link FaceAligner}); frames without it come out invalid.</li>
 * </ol>
 * Why two passes: choosing "the largest and steadiest face" or "the left-most person" needs the whole video.
 * Deciding online after a warm-up window would save the second decode but either buffer the window's images (memory
 * grows with the window) or commit to a person before seeing them all, and it goes wrong exactly in the hard cases
 * (the main person enters late, two people swap sides). Decoding is cheap next to detection and embedding (a
 * 640x360 clip decodes at ~2,400 fps here), and the second pass is where embeddings run anyway, so the price is
 * small and memory stays flat whatever the video length.
 *
 * <p>With a key-frame stride {@code detectEvery} above 1, only every n-th frame is given to the detector; the chosen
 * person's face on the frames between is interpolated from the key frames around it ({@link PersonTrack#between}).
 * The detector is the costliest step after the embeddings, and a face moves little in 0.1 s.
 *
 * <p>Detection in the first pass runs on {@code threads} worker threads, frames in flight bounded, results fed to
 * the tracker in frame order; with more than one worker, give the detector one intra-op thread each to avoid
 * oversubscription. The pipeline does not own the detector: the caller closes it. A video without any face is not
 * an error: {@link PersonTrack#isEmpty()} is true, {@link PersonTrack#summary()} says so, and every frame comes out
 * invalid.
 */
public final class FaceCropPipeline {
    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final TrackSelector selector;
    private final int threads;
    private final int detectEvery;
    private final double stillMinScore;

    /** A pipeline with the default tracker, selector and the {@link CropTemplate#AFF_WILD2_112} template. */
    public FaceCropPipeline(FaceDetector detector, int threads) {
        this(detector, threads, 1);
    }

    /** As {@link #FaceCropPipeline(FaceDetector, int)}, detecting on every {@code detectEvery}-th frame only. */
    public FaceCropPipeline(FaceDetector detector, int threads, int detectEvery) {
        this(detector, new FaceAligner(), new TrackSelector(), threads, detectEvery);
    }

    /**
     * @param detector finds faces (owned by the caller)
     * @param aligner  makes the crops
     * @param selector chooses the person at the end of the first pass
     * @param threads  detection worker threads in the first pass (1 = detect on the calling thread)
     */
    public FaceCropPipeline(FaceDetector detector, FaceAligner aligner, TrackSelector selector, int threads) {
        this(detector, aligner, selector, threads, 1);
    }

    /** @param detectEvery key-frame stride of detection (1: every frame) */
    public FaceCropPipeline(FaceDetector detector, FaceAligner aligner, TrackSelector selector, int threads,
                            int detectEvery) {
        this(detector, aligner, selector, threads, detectEvery, 0);
    }

    /**
     * @param detectEvery   key-frame stride of detection (1: every frame)
     * @param stillMinScore a still picture in which no face is found as it is nor on the canvas is searched a third
     *                      time on the canvas, keeping faces down to this score ({@link #trackSingle}); 0: no third
     *                      search
     */
    public FaceCropPipeline(FaceDetector detector, FaceAligner aligner, TrackSelector selector, int threads,
                            int detectEvery, double stillMinScore) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (detectEvery < 1) throw new IllegalArgumentException("detectEvery must be >= 1, got " + detectEvery);
        if (!(stillMinScore >= 0 && stillMinScore < 1)) {
            throw new IllegalArgumentException("stillMinScore must be in [0, 1), got " + stillMinScore);
        }
        this.detector = detector;
        this.aligner = aligner;
        this.selector = selector;
        this.threads = threads;
        this.detectEvery = detectEvery;
        this.stillMinScore = stillMinScore;
    }

    /**
     * First pass: reads {@code source} to its end, detects and tracks faces, and returns the chosen person's face
     * per frame. The frame count is the number of frames really decoded. The caller closes {@code source}.
     *
     * @throws IOException when decoding fails
     */
    public PersonTrack track(VideoSource source, TrackSelection selection) throws IOException {
        FaceTracker tracker = new FaceTracker();
        int every = keyStride(detectEvery, source.frameRate());
        int frames = threads == 1 ? detectSequential(source, tracker, every) : detectParallel(source, tracker, every);
        PersonTrack person = selector.select(tracker.tracks(), selection, frames).withFaceCounts(tracker.faceCounts(frames));
        return every == 1 ? person : person.between(every);
    }

    /**
     * Key frames (detected, embedded) are never further apart than this, whatever the stride: a face interpolated or
     * held over a longer span would be read at another moment than its own (a folder of frames at 1 frame/s, a
     * time-lapse). At 30 frames/s it allows every 6th frame; below 10 frames/s every frame is a key frame.
     */
    public static final double MAX_KEY_SPAN_SECONDS = 0.2;

    /**
     * The key-frame stride an input at {@code fps} gets for a requested stride: {@code every}, but key frames at most
     * {@link #MAX_KEY_SPAN_SECONDS} apart. The one statement of the rule, for detection, embedding and live.
     *
     * @param every the requested stride (1: every frame)
     * @param fps   the input's frame rate; not positive when unknown (the stride is then kept)
     * @return the stride, at least 1
     */
    public static int keyStride(int every, double fps) {
        if (every <= 1 || !(fps > 0)) return Math.max(1, every);
        return Math.max(1, Math.min(every, (int) Math.floor(fps * MAX_KEY_SPAN_SECONDS + 1e-9)));
    }

    /**
     * The person's face in a single still image (the largest face: a one-frame video). A photo that is already a
     * tight face crop (FER-style 48x48 images, passport photos) leaves the detector no context around the face and
     * it often finds nothing; when the image as it is has no face, it is searched again centred on a black canvas
     * twice its size (BlazeFace front model on FER2013 test: 93.0 % found as is, 98.9 % with the canvas;
     * affect4j-faces/RESULTS.md), and, when the pipeline has a {@code stillMinScore}, a third time on the canvas down
     * to that score (tighter crops than FER2013's, the centre 70 % of its pictures: 192 of 210 found on the canvas at
     * 0.5, 207 at 0.3; {@code bench/java/CanvasDetection.java}). A cascade detector goes through all of this with
     * each of its {@link FaceDetector#stages()} in turn. The crop is always aligned from the original image
     * (outside it is black).
     */
    public FaceFrame cropSingle(RgbImage image) {
        return crop(0, image, trackSingle(image));
    }

    /** {@link #cropSingle}'s face search alone: the image as a one-frame track, with the number of faces found. */
    public PersonTrack trackSingle(RgbImage image) {
        List<Face> faces = List.of();
        for (FaceDetector d : detector.stages()) {
            faces = d.detect(image);
            if (faces.isEmpty()) faces = detectOnCanvas(d, image, 0);
            if (faces.isEmpty() && stillMinScore > 0) faces = detectOnCanvas(d, image, stillMinScore);
            if (!faces.isEmpty()) break;
        }
        FaceTracker tracker = new FaceTracker();
        tracker.update(0, faces);
        return selector.select(tracker.tracks(), TrackSelection.MAIN, 1).withFaceCounts(tracker.faceCounts(1));
    }

    /**
     * Faces of {@code image} centred on a black canvas of twice its size, in the image's own coordinates, down to
     * {@code minScore} (0: the detector's own).
     */
    private static List<Face> detectOnCanvas(FaceDetector detector, RgbImage image, double minScore) {
        int w = image.width(), h = image.height(), cw = 2 * w, ch = 2 * h, ox = w / 2, oy = h / 2;
        byte[] canvas = new byte[cw * ch * 3];
        for (int y = 0; y < h; y++) System.arraycopy(image.rgb(), y * w * 3, canvas, ((y + oy) * cw + ox) * 3, w * 3);
        RgbImage c = new RgbImage(cw, ch, canvas);
        List<Face> found = minScore > 0 ? detector.detect(c, minScore) : detector.detect(c);
        List<Face> out = new java.util.ArrayList<>(found.size());
        for (Face f : found) out.add(f.mapped(1, -ox, 1, -oy));
        return out;
    }

    /**
     * Second pass: reads {@code source} again and hands every frame's {@link FaceFrame} to {@code sink}, in frame
     * order, one at a time (no frame is kept). Frames beyond {@code track.frameCount()} come out invalid.
     */
    public void crops(VideoSource source, PersonTrack track, Consumer<FaceFrame> sink) throws IOException {
        VideoFrame f;
        while ((f = source.next()) != null) sink.accept(crop(f.index(), f.image(), track));
    }

    /** The aligned crop of the person in one frame of the video, or an invalid frame. Thread-safe. */
    public FaceFrame crop(int index, RgbImage image, PersonTrack track) {
        return track.face(index)
                .map(face -> new FaceFrame(index, face, aligner.align(image, face).crop()))
                .orElseGet(() -> FaceFrame.invalid(index));
    }

    private int detectSequential(VideoSource source, FaceTracker tracker, int every) throws IOException {
        KeyFrameReader frames = new KeyFrameReader(source, every);
        VideoFrame f;
        while ((f = frames.next()) != null) tracker.update(f.index(), detector.detect(f.image()));
        return frames.count;
    }

    /** The frames the detector reads (every {@code every}-th), the ones between only decoded; counts all of them. */
    private static final class KeyFrameReader {
        private final VideoSource source;
        private final int every;
        /** Frames decoded so far. */
        int count;

        KeyFrameReader(VideoSource source, int every) {
            this.source = source;
            this.every = every;
        }

        /** The next key frame, or null at the end. */
        VideoFrame next() throws IOException {
            while (count % every != 0) {
                if (!source.skip()) return null;
                count++;
            }
            VideoFrame f = source.next();
            if (f != null) count = f.index() + 1;
            return f;
        }
    }

    private record Pending(int index, Future<List<Face>> faces) {
    }

    private int detectParallel(VideoSource source, FaceTracker tracker, int every) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "affect4j-face-detect");
            t.setDaemon(true);
            return t;
        });
        // a few frames per worker keep the workers busy while bounding the decoded images held in memory
        int window = threads * 3;
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        KeyFrameReader frames = new KeyFrameReader(source, every);
        try {
            VideoFrame f;
            while ((f = frames.next()) != null) {
                RgbImage img = f.image();
                pending.add(new Pending(f.index(), pool.submit(() -> detector.detect(img))));
                if (pending.size() >= window) drainOne(pending, tracker);
            }
            while (!pending.isEmpty()) drainOne(pending, tracker);
        } finally {
            pool.shutdownNow();
        }
        return frames.count;
    }

    private static void drainOne(ArrayDeque<Pending> pending, FaceTracker tracker) {
        Pending p = pending.poll();
        try {
            tracker.update(p.index(), p.faces().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting faces in frame " + p.index(), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            throw new IllegalStateException("face detection failed in frame " + p.index() + ": " + c, c);
        }
    }
}
