package org.affect4j.pipeline;

import org.affect4j.faces.CropWriter;
import org.affect4j.faces.FaceAligner;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.TrackSelector;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceFrame;
import org.affect4j.faces.PersonTrack;
import org.affect4j.faces.TrackSelection;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.ImageFolderSource;
import org.affect4j.media.MediaException;
import org.affect4j.media.Pictures;
import org.affect4j.media.VideoFrame;
import org.affect4j.media.VideoSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.affect4j.data.RgbImage;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Opens the right {@link FaceCropSource} for an input: crop folders as they are; images and videos through face
 * detection, tracking and alignment ({@link FaceCropPipeline}). The detector is created on first need and shared
 * by all inputs; closing this closes it.
 */
final class FaceCropSources implements AutoCloseable {
    private final ExtractionOptions options;
    private FaceDetector detector;
    private FaceCropPipeline pipeline;

    FaceCropSources(ExtractionOptions options) {
        this.options = options;
    }

    /**
     * Creates the detector ahead of the first input (alongside the extractors); a detector that cannot be made now
     * is left for the first input that needs one to report (crop folders never do).
     */
    void prepare() {
        try {
            pipeline();
        } catch (RuntimeException e) {
            // reported by the first input that searches faces
        }
    }

    private FaceCropPipeline pipeline() {
        if (pipeline == null) {
            // detection workers with one intra-op thread each scale better than one session with many threads
            detector = FaceDetectorFactory.ALL.get(options.detector()).create(1);
            pipeline = new FaceCropPipeline(detector, new FaceAligner(), new TrackSelector(), options.threads(),
                    options.faceEvery(), options.stillMinScore());
        }
        return pipeline;
    }

    FaceCropSource open(MediaInput in) throws IOException {
        return switch (in.kind()) {
            case FRAME_FOLDER -> {
                if (!(options.folderFps() > 0)) {
                    throw new IllegalArgumentException(in.path() + " is a folder of frames: give its frame rate (--fps), "
                            + "a folder has none of its own; to label each picture on its own, give them as inputs ("
                            + in.path().resolve("*") + ")");
                }
                yield new FolderCropSource(ImageFolderSource.open(in.path(), options.folderFps(), 0));
            }
            case IMAGE -> {
                RgbImage image = Pictures.read(in.path());
                PersonTrack one = pipeline().trackSingle(image);
                yield new ImageCropSource(pipeline().crop(0, image, one), one, writer(in));
            }
            case VIDEO -> openVideo(in);
            case AUDIO -> throw new MediaException(in.path() + " is audio only: it has no frames");
        };
    }

    /**
     * Still images to crops as an {@link MediaInput.Kind#IMAGE} input's single frame is cropped
     * ({@link FaceCropPipeline#cropSingle}), spread over {@code threads} workers; crop i is image i (index i).
     */
    List<FaceCrop> cropStills(List<RgbImage> images) {
        FaceCropPipeline p = pipeline();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "affect4j-still-faces");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FaceFrame>> frames = new ArrayList<>(images.size());
            for (RgbImage im : images) frames.add(pool.submit(() -> p.cropSingle(im)));
            List<FaceCrop> out = new ArrayList<>(images.size());
            for (int i = 0; i < frames.size(); i++) {
                FaceFrame f = frames.get(i).get();
                out.add(toCrop(new FaceFrame(i, f.face(), f.crop())));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding faces", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("face search failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private FaceCropSource openVideo(MediaInput in) throws IOException {
        PersonTrack track;
        try (VideoSource first = FFmpegVideoSource.open(in.path())) {
            track = pipeline().track(first, selection(in.name()));
        }
        return new VideoCropSource(FFmpegVideoSource.open(in.path()), track, pipeline(), writer(in),
                cropFrames(track, options.cropSamples()), options.faceEvery());
    }

    private TrackSelection selection(String name) {
        return "auto".equals(options.track()) ? TrackSelection.forAnnotationName(name)
                : TrackSelection.valueOf(options.track().toUpperCase(Locale.ROOT));
    }

    private CropWriter writer(MediaInput in) {
        return options.cropsDir() == null ? null : new CropWriter(options.cropsDir(), in.name());
    }

    /** Frames whose crop is written: every frame (null) or {@code samples} frames spread over those with a face. */
    static java.util.BitSet cropFrames(PersonTrack track, int samples) {
        if (samples == 0) return null;
        int[] withFace = java.util.stream.IntStream.range(0, track.frameCount())
                .filter(i -> track.face(i).isPresent()).toArray();
        java.util.BitSet chosen = new java.util.BitSet(track.frameCount());
        int k = Math.min(samples, withFace.length);
        for (int j = 0; j < k; j++) chosen.set(withFace[(int) ((j + 0.5) * withFace.length / k)]);
        return chosen;
    }

    static FaceCrop toCrop(FaceFrame f) {
        if (!f.valid()) return new FaceCrop(f.index(), null, null, Float.NaN);
        var b = f.face().box();
        return new FaceCrop(f.index(), f.crop(), new float[] {(float) b.x(), (float) b.y(), (float) b.width(), (float) b.height()}, f.score());
    }

    /** {@link #toCrop(FaceFrame)} with the frame's key points, face count and followed track from {@code track}. */
    static FaceCrop toCrop(FaceFrame f, PersonTrack track) {
        FaceCrop c = toCrop(f);
        float[] kp = f.valid() ? f.face().keypointCoordinates() : null;
        return new FaceCrop(c.index(), c.crop(), c.box(), c.score(), kp, track.faceCount(f.index()), track.trackId(f.index()));
    }

    @Override
    public void close() {
        if (detector != null) detector.close();
    }

    /**
     * Second pass over a video: align the tracked person's face in each frame as it decodes. Decoding and alignment
     * run one frame ahead on their own thread, a bounded number of crops ahead, so they overlap the embedding
     * models instead of leaving a core idle between batches. With {@code faceEvery} above 1, a face frame that will
     * get rows interpolated between key frames ({@link KeyFrames}) is not aligned: it carries the key frame's crop, which nothing
     * reads (the extraction embeds key frames only), unless its own crop is to be written.
     */
    private static final class VideoCropSource implements FaceCropSource {
        /** Crops decoded ahead: two of the pipeline's usual batches, about 2.4 MB of 112x112 crops. */
        private static final int AHEAD = 64;
        private static final Object END = new Object();
        private final VideoSource video;
        private final PersonTrack track;
        private final FaceCropPipeline pipeline;
        private final CropWriter writer;
        private final java.util.BitSet written;
        private final int faceEvery;
        /** FaceCrops in frame order, then END or the Throwable that stopped decoding. */
        private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(AHEAD);
        private final Thread decoder;
        private volatile boolean closed;
        private boolean ended;

        /** @param written the frames whose crop {@code writer} writes; null: all */
        VideoCropSource(VideoSource video, PersonTrack track, FaceCropPipeline pipeline, CropWriter writer,
                        java.util.BitSet written, int faceEvery) {
            this.video = video;
            this.track = track;
            this.pipeline = pipeline;
            this.writer = writer;
            this.written = written;
            this.faceEvery = faceEvery;
            decoder = new Thread(this::decode, "affect4j-face-crops");
            decoder.setDaemon(true);
            decoder.start();
        }

        private void decode() {
            Object last = END;
            KeyFrames keys = new KeyFrames(FaceCropPipeline.keyStride(faceEvery, video.frameRate()));
            RgbImage keyCrop = null;
            try {
                for (int i = 0; !closed; i++) {
                    var face = track.face(i);
                    boolean key = keys.embeds(i, face.isPresent());
                    boolean write = writer != null && (written == null || written.get(i));
                    FaceFrame ff;
                    if (face.isEmpty() || (!key && keyCrop != null && !write)) {
                        // no picture needed (no face here, or rows interpolated between key frames): decoded only
                        if (!video.skip()) break;
                        ff = face.isEmpty() ? FaceFrame.invalid(i) : new FaceFrame(i, face.get(), keyCrop);
                    } else {
                        VideoFrame f = video.next();
                        if (f == null) break;
                        ff = pipeline.crop(i, f.image(), track);
                        if (key) keyCrop = ff.crop();
                    }
                    if (write) writer.write(ff);
                    ahead.put(toCrop(ff, track));
                }
            } catch (InterruptedException e) {
                return; // closed
            } catch (Throwable t) {
                last = t;
            }
            try {
                ahead.put(last);
            } catch (InterruptedException ignored) {
                // closed while handing over the end
            }
        }

        @Override
        public double frameRate() {
            return video.frameRate();
        }

        @Override
        public int expectedFrames() {
            return track.frameCount();
        }

        @Override
        public FaceCrop next() throws IOException {
            if (ended) return null;
            Object o;
            try {
                o = ahead.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the next face crop", e);
            }
            if (o instanceof FaceCrop c) return c;
            ended = true;
            if (o instanceof IOException e) throw e;
            if (o instanceof RuntimeException e) throw e;
            if (o instanceof Error e) throw e;
            return null;
        }

        @Override
        public void close() {
            closed = true;
            decoder.interrupt();
            try {
                decoder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            video.close(); // only once the decoder thread has stopped using it
        }
    }

    /** A still image: one frame, at a nominal 1 frame per second. */
    private static final class ImageCropSource implements FaceCropSource {
        private FaceFrame frame;
        private final PersonTrack track;

        ImageCropSource(FaceFrame frame, PersonTrack track, CropWriter writer) {
            this.frame = frame;
            this.track = track;
            if (writer != null) writer.write(frame);
        }

        @Override
        public double frameRate() {
            return 1.0;
        }

        @Override
        public int expectedFrames() {
            return 1;
        }

        @Override
        public FaceCrop next() {
            if (frame == null) return null;
            FaceCrop c = toCrop(frame, track);
            frame = null;
            return c;
        }

        @Override
        public void close() {
        }
    }
}
