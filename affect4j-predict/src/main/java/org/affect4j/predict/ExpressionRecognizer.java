package org.affect4j.predict;

import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.models.Precision;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.MediaException;
import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Phases;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The per-frame facial expression of videos, audio files, pictures and folders of frames, from the face and the
 * voice: the Java entry point of affect4j.
 * <pre>{@code
 * try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).build()) {
 *     ExpressionTrack t = r.predict(Path.of("talk.mp4"));
 *     t.stream().forEach(f -> System.out.println(f.timeSeconds() + " " + f.labelName()));
 * }
 * }</pre>
 * The model and the face and voice networks are loaded once and reused for every input. A recognizer is
 * thread-safe: up to {@link Builder#parallelInputs(int)} inputs are predicted at the same time, each on its own set
 * of networks; further calls wait for a free one. Close it to release the networks and the temporary files (the
 * sample face crops of the tracks it returned live until then).
 */
public final class ExpressionRecognizer implements AutoCloseable {
    private final ExpressionModel model;
    private final boolean ownsModel;
    private final int parallel;
    private final int threadsEach;
    private final double folderFps;
    private final String detector;
    private final int faceEvery;
    private final BlockingQueue<PredictSession> idle;
    private final List<PredictSession> sessions = new ArrayList<>();
    private boolean closed;

    private ExpressionRecognizer(Builder b) {
        this.ownsModel = b.model == null;
        this.model = ownsModel ? ExpressionModels.load(b.modelName, b.smoothing, b.checkpoint, b.precision) : b.model;
        this.parallel = b.parallelInputs;
        this.threadsEach = Math.max(1, b.threads / b.parallelInputs);
        this.folderFps = b.folderFps;
        this.detector = b.detector;
        this.faceEvery = b.faceEvery > 0 ? b.faceEvery : model.faceEvery();
        this.idle = new ArrayBlockingQueue<>(parallel);
    }

    /**
     * Starts loading, on a background thread, the native runtimes a first prediction needs: ONNX Runtime and, when
     * {@code video} (any input but still pictures), FFmpeg. They then load while the caller does other work (parses
     * its command line, loads the model) instead of one after another; about a second of start-up on the example clip.
     * A second thread builds the model file's reader meanwhile ({@link LateFusionModel#warmUpReader}), and FFmpeg loads on a
     * third, so that the inputs can be opened early.
     * Optional and harmless: a runtime that fails to load here fails again, with its message, where it is used.
     *
     * @param video also FFmpeg, which decodes videos and sound but not pictures
     */
    public static void preload(boolean video) {
        preload(video, () -> { });
    }

    /**
     * {@link #preload(boolean)}, then {@code after} on the same thread (e.g. warming up what the caller needs last);
     * a failure of {@code after} is ignored like the runtimes'.
     *
     * @param video also FFmpeg
     * @param after run once the runtimes are loaded
     */
    public static void preload(boolean video, Runnable after) {
        Thread reader = new Thread(() -> {
            LateFusionModel.warmUpReader();
            Phases.mark("model reader built");
        }, "affect4j-model-reader");
        reader.setDaemon(true);
        reader.start();
        if (video) {
            // FFmpeg on a thread of its own: the inputs are opened (MediaInput probes a video container) while the
            // model loads, and JavaCV's grabber loading all of FFmpeg took ~90 ms of that on the main thread
            Thread ffmpeg = new Thread(() -> {
                try {
                    Class.forName(FFmpegVideoSource.class.getName(), true, ExpressionRecognizer.class.getClassLoader());
                    Class.forName("org.bytedeco.javacv.FFmpegFrameGrabber", true, ExpressionRecognizer.class.getClassLoader());
                    Phases.mark("FFmpeg loaded");
                } catch (Throwable e) {
                    // reported where the decoder is used
                }
            }, "affect4j-ffmpeg");
            ffmpeg.setDaemon(true);
            ffmpeg.start();
        }
        Thread t = new Thread(() -> {
            try {
                ai.onnxruntime.OrtEnvironment.getEnvironment();
                Phases.mark("ONNX Runtime loaded");
            } catch (Throwable e) {
                // reported where the runtime is used
            }
            try {
                after.run();
            } catch (Throwable e) {
                // the caller's own work reports its failures when it does it for real
            }
        }, "affect4j-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A builder with the defaults: the shipped model, 2 threads, one input at a time.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The model in use.
     *
     * @return the expression model
     */
    public ExpressionModel model() {
        return model;
    }

    /**
     * Predicts every frame of one video, audio file, picture or folder of frames. A video is streamed through the
     * model as {@link #forEachFrame} streams it, keeping only each frame's row for the track: memory does not grow
     * with its features.
     *
     * @param input the file or frame folder
     * @return the expression track: per-frame labels and probabilities, face and speech evidence
     * @throws IOException              when the input cannot be decoded
     * @throws IllegalArgumentException when the input is missing, not media, or a folder of several inputs
     */
    public ExpressionTrack predict(Path input) throws IOException {
        return predict(input, ExtractionListener.NONE);
    }

    /**
     * {@link #predict(Path)} reporting progress and notes to {@code progress}.
     *
     * @param input    the file or frame folder
     * @param progress receives the frame count, frames done and notes (from the calling thread)
     * @return the expression track
     * @throws IOException              when the input cannot be decoded
     * @throws IllegalArgumentException when the input is missing, not media, or a folder of several inputs
     */
    public ExpressionTrack predict(Path input, ExtractionListener progress) throws IOException {
        return predict(one(input), progress);
    }

    /**
     * Predicts one resolved input ({@link MediaInput#resolve}).
     *
     * @param input    the input
     * @param progress receives the frame count, frames done and notes (from the calling thread)
     * @return the expression track
     * @throws IOException              when the input cannot be decoded
     * @throws IllegalArgumentException when the input cannot be used
     */
    public ExpressionTrack predict(MediaInput input, ExtractionListener progress) throws IOException {
        PredictSession s = borrow();
        try {
            return s.predict(input, progress);
        } finally {
            idle.add(s);
        }
    }

    /**
     * Predicts one input and hands its frames, in order, to {@code perFrame} as they are decided. A video is streamed:
     * the person to follow is chosen and the soundtrack analysed over the whole video first (two quick passes, as
     * {@link #predict(Path)} does), then frames are embedded in batches of 32 and each frame is handed over once the
     * frames its numbers depend on are in: with the shipped model {@code round(0.75 fps) + (round(0.5 fps) - 1) -
     * (round(0.5 fps) - 1) / 2} frames later (the voice functionals' half window and the half of the smoothing box
     * after the frame; 30 frames, 1 s, at 30 frames/s). The numbers are exactly those of {@link #predict(Path)}, and
     * memory does not grow with the video's length. Other inputs (pictures, frame folders, audio files, models of
     * training runs) are predicted whole first.
     *
     * @param input    the file or frame folder
     * @param perFrame called once per frame, in frame order, from the calling thread
     * @return the number of frames
     * @throws IOException              when the input cannot be decoded
     * @throws IllegalArgumentException when the input is missing, not media, or a folder of several inputs
     */
    public int forEachFrame(Path input, Consumer<FrameExpression> perFrame) throws IOException {
        return forEachFrame(one(input), perFrame);
    }

    private int forEachFrame(MediaInput input, Consumer<FrameExpression> perFrame) throws IOException {
        PredictSession s = borrow();
        try {
            return s.forEachFrame(input, ExtractionListener.NONE, perFrame);
        } finally {
            idle.add(s);
        }
    }

    /**
     * The frames of one input as a stream, in order, each as soon as it is decided ({@link #forEachFrame}: same
     * numbers, same delay, memory flat). The input is predicted on a thread of its own, a few frames ahead of the
     * reader; close the stream (try-with-resources) to stop it early: the decoder is closed and the worker freed.
     * <pre>{@code
     * try (Stream<FrameExpression> s = r.frames(Path.of("long.mp4"))) {
     *     s.filter(f -> f.label() == 4).findFirst().ifPresent(f -> System.out.println(f.timeSeconds()));
     * }
     * }</pre>
     * Decoding errors are thrown by the stream's terminal operation ({@link java.io.UncheckedIOException} around an
     * {@link IOException}, or the {@link IllegalArgumentException} of an unusable input).
     *
     * @param input the file or frame folder
     * @return the frames of the input; close it
     * @throws IllegalArgumentException when the input is missing, not media, or a folder of several inputs
     */
    public Stream<FrameExpression> frames(Path input) {
        MediaInput in = one(input);
        return FrameStream.open(sink -> forEachFrame(in, sink), input.getFileName().toString());
    }

    /**
     * The expression of one picture, exactly as {@code affect4j predict photo.png} computes it: the face found (on
     * a canvas around the picture when it is a tight crop), aligned and embedded; a picture has no voice.
     *
     * @param image the picture (any type; read as RGB)
     * @return its single frame: label -1 when no face was found
     * @throws IOException when the picture cannot be written to the temporary file it is read from
     */
    public FrameExpression predict(BufferedImage image) throws IOException {
        Path dir = Files.createTempDirectory("affect4j-image-");
        try {
            Path png = dir.resolve("image.png"); // lossless: the pixels predict reads are the caller's
            if (!ImageIO.write(image, "png", png.toFile())) throw new IOException("no PNG writer for this image");
            return predict(new MediaInput("image", MediaInput.Kind.IMAGE, png), ExtractionListener.NONE).frame(0);
        } finally {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }

    private static MediaInput one(Path input) {
        List<MediaInput> inputs = MediaInput.resolve(input);
        if (inputs.size() != 1) {
            throw new MediaException(input + " holds " + inputs.size() + " inputs; predict one at a time, or give each"
                    + " to predict");
        }
        return inputs.get(0);
    }

    private PredictSession borrow() {
        synchronized (sessions) {
            if (closed) throw new IllegalStateException("this ExpressionRecognizer is closed");
            PredictSession s = idle.poll();
            if (s != null) return s;
            if (sessions.size() < parallel) {
                s = new PredictSession(model, model, threadsEach, folderFps, detector, faceEvery);
                sessions.add(s);
                return s;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free worker", e);
        }
    }

    /** Releases the networks, the model (when the recognizer loaded it) and the temporary files. */
    @Override
    public void close() {
        synchronized (sessions) {
            if (closed) return;
            closed = true;
            sessions.forEach(PredictSession::close);
            sessions.clear();
        }
        if (ownsModel) model.close();
    }

    /** Settings of an {@link ExpressionRecognizer}. */
    public static final class Builder {
        private String modelName = ExpressionModels.DEFAULT;
        private ExpressionModel model;
        private int smoothing;
        private CheckpointChoice checkpoint = CheckpointChoice.BEST;
        private Precision precision = Precision.FLOAT32;
        private int threads = 2;
        private int parallelInputs = 1;
        private double folderFps;
        private String detector = FaceDetectors.DEFAULT;
        private int faceEvery;

        private Builder() {
        }

        /**
         * The model: {@code "default"} (shipped), a training run directory or a model file.
         *
         * @param nameOrPath as {@code affect4j predict --model} takes it
         * @return this builder
         */
        public Builder model(String nameOrPath) {
            this.modelName = nameOrPath;
            this.model = null;
            return this;
        }

        /**
         * The model: a training run directory or a model file.
         *
         * @param path the run directory or model file
         * @return this builder
         */
        public Builder model(Path path) {
            return model(path.toString());
        }

        /**
         * A model of your own; the recognizer does not close it.
         *
         * @param model the model
         * @return this builder
         */
        public Builder model(ExpressionModel model) {
            this.model = model;
            return this;
        }

        /**
         * Which checkpoint of a training run directory predicts (default: the best epoch).
         *
         * @param checkpoint the checkpoint choice
         * @return this builder
         */
        public Builder checkpoint(CheckpointChoice checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        /**
         * The arithmetic of a training run directory's network (default float32; bfloat16 and int8 are approximate and
         * for Transformer runs, {@link org.affect4j.inference.RunPredictor#precision}).
         *
         * @param precision the arithmetic
         * @return this builder
         */
        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        /**
         * Extra box smoothing in frames for models of training runs (default 0: off; the shipped model smooths itself).
         *
         * @param frames window in frames
         * @return this builder
         */
        public Builder smoothing(int frames) {
            if (frames < 0) throw new IllegalArgumentException("smoothing must be >= 0, got " + frames);
            this.smoothing = frames;
            return this;
        }

        /**
         * Worker threads in all (default 2), shared by the inputs predicted at the same time.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            this.threads = threads;
            return this;
        }

        /**
         * How many inputs may be predicted at the same time (default 1), each with its own networks and
         * {@code threads / parallelInputs} threads: for many short files, one input per thread uses the cores best.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder parallelInputs(int n) {
            if (n < 1) throw new IllegalArgumentException("parallel inputs must be >= 1, got " + n);
            this.parallelInputs = n;
            return this;
        }

        /**
         * Frame rate of folder-of-frames inputs (a folder has none of its own); not needed for other inputs.
         *
         * @param fps frames per second, 0 when not given
         * @return this builder
         */
        public Builder folderFps(double fps) {
            if (!(fps >= 0)) throw new IllegalArgumentException("frame rate must be >= 0, got " + fps);
            this.folderFps = fps;
            return this;
        }

        /**
         * The face detector (default {@value FaceDetectors#DEFAULT}, the one the shipped model was trained with; its
         * back model costs time on frames without a face; {@code blazeface} skips it).
         *
         * @param name a {@link FaceDetectorFactory} name, as {@code affect4j list} shows them
         * @return this builder
         * @throws IllegalArgumentException for a name no detector has
         */
        public Builder detector(String name) {
            FaceDetectorFactory.ALL.get(name);
            this.detector = name;
            return this;
        }

        /**
         * In videos, detect and embed the face on every n-th frame only, the frames between interpolated from the
         * two around them (default: the model's {@link ExpressionModel#faceEvery()}, 4 for the shipped model;
         * 1 computes every frame, the slowest and closest reading).
         *
         * @param n the stride, at least 1, or 0 for the model's own
         * @return this builder
         * @throws IllegalArgumentException for a negative stride
         */
        public Builder faceEvery(int n) {
            if (n < 0) throw new IllegalArgumentException("faceEvery must be >= 1 (0: the model's), got " + n);
            this.faceEvery = n;
            return this;
        }

        /**
         * Loads the model and makes the recognizer (the networks are loaded on the first input).
         *
         * @return the recognizer; close it when done
         * @throws IllegalArgumentException when the model cannot be found or read
         */
        public ExpressionRecognizer build() {
            return new ExpressionRecognizer(this);
        }
    }
}
