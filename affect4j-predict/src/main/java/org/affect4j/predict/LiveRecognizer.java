package org.affect4j.predict;

import ai.onnxruntime.OrtEnvironment;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.Rounding;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.BlazeFaceDetector;
import org.affect4j.faces.BlazeFaceModel;
import org.affect4j.faces.Face;
import org.affect4j.faces.FaceAligner;
import org.affect4j.faces.FaceTrack;
import org.affect4j.faces.FaceTracker;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.VideoFrame;
import org.affect4j.predict.model.LateFusionModel;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.AtomicFiles;
import org.affect4j.data.Images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The expression of a live source (camera, network stream, standard input), frame by frame as it plays: each row is
 * decided as soon as its frame is, from that frame and the frames before it only.
 *
 * <p>What differs from a file ({@link ExpressionRecognizer}): the followed face is the heaviest face track seen so far
 * (a file chooses the person after seeing the whole video); the temporal smoothing is causal, the mean of the
 * labelled frames among the last {@code smoothingSeconds} of frames (a file's window is centred); and only the face
 * branch runs: the voice branch's 1.5 s window statistics are not streamed. The face rows are the ones a file gets
 * (same detector, alignment and networks, the embedding held over {@link ExpressionModel#faceEvery()} frames; the
 * face is detected in every frame, to follow it without looking ahead).
 *
 * <p>Frames are decoded on their own thread into a queue of two. When frames arrive more than a quarter of a second
 * behind the source's clock (the recognizer is slower than the source plays), the oldest waiting frame is dropped (it
 * gets no row, and no label in the final track), so the rows keep up with the source; a faster-than-real-time input
 * (a file piped in) is read at the recognizer's pace instead, nothing dropped.
 * Not thread-safe: one source at a time.
 */
public final class LiveRecognizer implements AutoCloseable {
    private static final int QUEUE = 2;
    /** Lag behind the source's clock beyond which waiting frames are dropped. */
    private static final long DROP_AFTER_MS = 250;
    private static final double CROP_EVERY_SECONDS = 2;

    /**
     * One decided frame.
     *
     * @param frame     the frame's expression
     * @param latencyMs milliseconds from the frame leaving the decoder to its row being decided
     * @param lagMs     how far the row is behind the source's clock: milliseconds between the row being decided and
     *                  the moment the frame was due, the clock set by the presentation times and the frame that arrived
     *                  earliest relative to them (so network, probing and queueing delays all count)
     */
    public record LiveFrame(FrameExpression frame, double latencyMs, double lagMs) {
    }

    /**
     * What a run kept up with.
     *
     * @param frames    frames decoded
     * @param decided   frames that got a row
     * @param dropped   frames dropped because the recognizer was behind
     * @param seconds   wall time from the first frame to the last row
     * @param sourceFps the source's frame rate
     * @param latencyMs per decided frame, {@link LiveFrame#latencyMs()}, in order
     * @param lagMs     per decided frame, {@link LiveFrame#lagMs()}, in order
     */
    public record Stats(int frames, int decided, int dropped, double seconds, double sourceFps, double[] latencyMs,
                        double[] lagMs) {
        /**
         * Rows decided per second of wall time.
         *
         * @return decided frames per second
         */
        public double decidedPerSecond() {
            return seconds > 0 ? decided / seconds : 0;
        }

        /**
         * A percentile of the latencies.
         *
         * @param q between 0 and 1 (0.5: the median)
         * @return the latency in milliseconds, NaN without rows
         */
        public double latencyPercentile(double q) {
            return percentile(latencyMs, q);
        }

        /**
         * A percentile of the lags.
         *
         * @param q between 0 and 1
         * @return the lag in milliseconds, NaN without rows
         */
        public double lagPercentile(double q) {
            return percentile(lagMs, q);
        }

        private static double percentile(double[] v, double q) {
            if (v.length == 0) return Double.NaN;
            double[] s = v.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1) + 0.5))];
        }

        /**
         * One line for a log: frames, drops, rate kept up with, latency and lag.
         *
         * @return the line
         */
        public String describe() {
            return String.format(Locale.ROOT, "%d frames (%d dropped) in %.1f s: %.1f frames/s decided of a %.1f frames/s"
                            + " source; latency median %.0f ms, 95th percentile %.0f ms; lag behind the source median %.0f ms,"
                            + " 95th percentile %.0f ms", frames, dropped, seconds, decidedPerSecond(), sourceFps,
                    latencyPercentile(0.5), latencyPercentile(0.95), lagPercentile(0.5), lagPercentile(0.95));
        }
    }

    private final LateFusionModel model;
    private final BlazeFaceDetector detector;
    private final FaceAligner aligner = new FaceAligner();
    private final Map<String, FrameFeatureExtractor> extractors = new LinkedHashMap<>();
    private Stats stats;

    /**
     * Loads the detector and the model's face networks.
     *
     * @param model   a late-fusion model with a face branch (the shipped default, or a model file)
     * @param threads threads for each network
     * @throws IllegalArgumentException for a model that cannot predict causally (a trained temporal model) or has no
     *                                  face branch
     */
    public LiveRecognizer(ExpressionModel model, int threads) {
        if (!(model instanceof LateFusionModel m) || m.spec().visual() == null) {
            throw new IllegalArgumentException("live prediction needs a late-fusion model with a face branch (the default"
                    + " model or a model file); '" + model.name() + "' is not one");
        }
        this.model = m;
        this.detector = BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.FRONT_128, threads);
        try {
            for (String f : m.spec().visual().features()) extractors.put(f, VisualExtractors.create(f, threads));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Reads {@code source} until it ends or {@code stop} says so, handing each decided frame to {@code sink} (from
     * the calling thread), and returns the whole track (rounded like {@code frames.csv}) for the report.
     *
     * @param source a camera device, a stream URL, or {@code -} for standard input
     * @param sink   receives every decided frame, in order
     * @param stop   polled between frames; true ends the run as if the source had ended
     * @return the track of every decoded frame; dropped frames have no label
     * @throws IOException when decoding fails mid-stream
     * @throws org.affect4j.media.MediaException when the source cannot be opened
     */
    public ExpressionTrack run(String source, Consumer<LiveFrame> sink, BooleanSupplier stop) throws IOException {
        Path crops = Files.createTempDirectory("affect4j-live-");
        try (FFmpegVideoSource video = FFmpegVideoSource.openLive(source)) {
            return run(source, video, sink, stop, crops);
        } finally {
            AtomicFiles.deleteTreeQuietly(crops);
        }
    }

    /**
     * {@link #run(String, Consumer, BooleanSupplier)} writing the report files while the crops still exist.
     *
     * @param source a camera device, a stream URL, or {@code -} for standard input
     * @param sink   receives every decided frame, in order
     * @param stop   polled between frames
     * @param writer renders the finished track
     * @return the track
     * @throws IOException when decoding or writing fails
     */
    public ExpressionTrack run(String source, Consumer<LiveFrame> sink, BooleanSupplier stop, Predictor.TrackWriter writer)
            throws IOException {
        Path crops = Files.createTempDirectory("affect4j-live-");
        try (FFmpegVideoSource video = FFmpegVideoSource.openLive(source)) {
            ExpressionTrack t = run(source, video, sink, stop, crops);
            writer.write(t);
            return t;
        } finally {
            AtomicFiles.deleteTreeQuietly(crops);
        }
    }

    /**
     * What the last run kept up with.
     *
     * @return the statistics, or null before the first run ends
     */
    public Stats stats() {
        return stats;
    }

    /** A decoded frame on its way from the decoder thread. */
    private record Arrived(VideoFrame frame, long nanos, long ptsMicros) {
    }

    private static final Object END = new Object();

    private ExpressionTrack run(String source, FFmpegVideoSource video, Consumer<LiveFrame> sink, BooleanSupplier stop,
                                Path crops) throws IOException {
        double fps = video.frameRate();
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        int[] dropped = {0};
        Thread decoder = new Thread(() -> decode(video, queue, dropped), "affect4j-live-decoder");
        decoder.setDaemon(true);
        Track track = new Track();
        FaceTracker tracker = new FaceTracker();
        int window = Math.max(1, (int) Math.round(model.spec().smoothingSeconds() * fps));
        double[][] recent = new double[window][]; // causal smoothing: the last `window` frames' probabilities
        Map<String, float[]> held = new LinkedHashMap<>();
        int lastEmbedded = Integer.MIN_VALUE / 2, nextCrop = 0, lastIndex = -1;
        long firstNanos = -1, lastRow = 0, clock = Long.MAX_VALUE; // clock: arrival minus presentation time, least so far
        List<Double> latency = new ArrayList<>(), lag = new ArrayList<>();
        decoder.start();
        try {
            while (!stop.getAsBoolean()) {
                Object o;
                try {
                    o = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (o == null) continue;
                if (o == END) break;
                if (o instanceof Throwable t) {
                    if (t instanceof IOException io) throw io;
                    throw new IOException("decoding the live source failed: " + t.getMessage(), t);
                }
                Arrived a = (Arrived) o;
                VideoFrame f = a.frame();
                if (firstNanos < 0) firstNanos = a.nanos();
                clock = Math.min(clock, a.nanos() - a.ptsMicros() * 1_000);
                int i = f.index();
                for (int j = Math.max(lastIndex + 1, i - window); j < i; j++) recent[j % window] = null; // dropped
                lastIndex = i;
                List<Face> faces = detector.detect(f.image());
                tracker.update(i, faces);
                FaceTrack followed = followed(tracker, i);
                Face face = followed == null ? null : followed.face(followed.size() - 1);
                Map<String, FeatureMatrix> rows = new LinkedHashMap<>();
                if (face != null && i - lastEmbedded >= model.faceEvery()) {
                    RgbImage crop = aligner.align(f.image(), face).crop();
                    for (var e : extractors.entrySet()) held.put(e.getKey(), e.getValue().extract(List.of(crop))[0]);
                    lastEmbedded = i;
                    if (i >= nextCrop) {
                        Images.write(crop, crops.resolve(String.format(Locale.ROOT, "%05d.jpg", i + 1)));
                        track.crops.add(crops.resolve(String.format(Locale.ROOT, "%05d.jpg", i + 1)));
                        nextCrop = i + (int) Math.round(CROP_EVERY_SECONDS * fps);
                    }
                }
                for (var e : extractors.entrySet()) {
                    float[] r = face != null ? held.get(e.getKey()) : new float[e.getValue().dimension()];
                    rows.put(e.getKey(), new FeatureMatrix(1, r.length, r, new boolean[] {face != null}));
                }
                FramePredictions one = model.predict(rows, fps);
                recent[i % window] = one.isLabelled(0) ? one.probabilities(0) : null;
                double[] p = face == null ? null : mean(recent);
                FramePredictions decided = p == null ? FramePredictions.ofFlatProbabilities(new double[ExprClass.COUNT], new boolean[1])
                        : FramePredictions.ofFlatProbabilities(p, new boolean[] {true}).rounded(Rounding.PROBABILITY_DECIMALS);
                int label = decided.label(0);
                double[] probs = label < 0 ? null : decided.probabilities(0);
                float[] box = face == null ? null : new float[] {(float) face.box().x(), (float) face.box().y(),
                        (float) face.box().width(), (float) face.box().height()};
                float score = face == null ? Float.NaN : face.score();
                track.add(i, probs, box, score, face == null ? null : face.keypointCoordinates(), faces.size(), followed == null ? -1 : followed.id());
                long now = System.nanoTime();
                lastRow = now;
                double lat = (now - a.nanos()) / 1e6;
                double due = clock + a.ptsMicros() * 1e3;
                double lg = (now - due) / 1e6;
                latency.add(lat);
                lag.add(lg);
                sink.accept(new LiveFrame(new FrameExpression(i, i / fps, label, probs, face != null, box, score, false), lat, lg));
            }
        } finally {
            // the decoder stops at its next frame (a stalled network read gives up after its 10 s timeout); the
            // source is closed by the caller only after that, never under a decoding thread
            decoder.interrupt();
            try {
                decoder.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stats = new Stats(track.frames(), latency.size(), dropped[0], firstNanos < 0 ? 0 : (lastRow - firstNanos) / 1e9,
                fps, latency.stream().mapToDouble(Double::doubleValue).toArray(), lag.stream().mapToDouble(Double::doubleValue).toArray());
        return track.toTrack(source, fps, model);
    }

    /**
     * Decoder thread: frames into the queue, then END or the error. A full queue holds the decoder back (a file
     * piped in is read at the recognizer's pace, nothing lost) until frames arrive more than {@value #DROP_AFTER_MS}
     * ms behind the source's clock: then the recognizer is slower than the source plays, and the oldest waiting frame
     * is dropped for each new one.
     */
    private static void decode(FFmpegVideoSource video, BlockingQueue<Object> queue, int[] dropped) {
        Object last = END;
        try {
            VideoFrame f;
            long clock = Long.MAX_VALUE; // as in run: arrival minus presentation time, least so far
            while (!Thread.currentThread().isInterrupted() && (f = video.next()) != null) {
                Arrived a = new Arrived(f, System.nanoTime(), video.timestampMicros());
                clock = Math.min(clock, a.nanos() - a.ptsMicros() * 1_000);
                boolean behind = a.nanos() - (clock + a.ptsMicros() * 1_000) > DROP_AFTER_MS * 1_000_000L;
                if (!behind) {
                    queue.put(a);
                    continue;
                }
                while (!queue.offer(a)) {
                    if (queue.poll() != null) {
                        synchronized (dropped) {
                            dropped[0]++;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            return; // stopped
        } catch (Throwable t) {
            last = t;
        }
        try {
            queue.put(last);
        } catch (InterruptedException ignored) {
            // stopped: nobody waits for the end any more
        }
    }

    /** The face followed in {@code frame}: of the tracks seen in it, the heaviest so far. */
    private static FaceTrack followed(FaceTracker tracker, int frame) {
        FaceTrack best = null;
        for (FaceTrack t : tracker.tracks()) {
            if (t.size() > 0 && t.lastFrame() == frame && (best == null || t.weight() > best.weight())) best = t;
        }
        return best;
    }

    /** Mean of the labelled rows (the frame itself is one of them). */
    private static double[] mean(double[][] rows) {
        double[] m = new double[ExprClass.COUNT];
        int n = 0;
        for (double[] r : rows) {
            if (r == null) continue;
            n++;
            for (int c = 0; c < m.length; c++) m[c] += r[c];
        }
        for (int c = 0; c < m.length; c++) m[c] /= n;
        return m;
    }

    /** Every decoded frame's row, grown as the stream plays (dropped frames stay without face and label). */
    private static final class Track {
        double[][] probs = new double[256][];
        float[][] boxes = new float[256][], keypoints = new float[256][];
        float[] scores = new float[256];
        int[] faces = new int[256], ids = new int[256];
        int n;
        final List<Path> crops = new ArrayList<>();

        void add(int i, double[] p, float[] box, float score, float[] kp, int count, int id) {
            while (i >= probs.length) grow();
            for (int j = n; j < i; j++) { // dropped frames: nothing known
                scores[j] = Float.NaN;
                faces[j] = -1;
                ids[j] = -1;
            }
            probs[i] = p;
            boxes[i] = box;
            keypoints[i] = kp;
            scores[i] = score;
            faces[i] = count;
            ids[i] = box == null ? -1 : id;
            n = i + 1;
        }

        int frames() {
            return n;
        }

        private void grow() {
            int m = probs.length * 2;
            probs = Arrays.copyOf(probs, m);
            boxes = Arrays.copyOf(boxes, m);
            keypoints = Arrays.copyOf(keypoints, m);
            scores = Arrays.copyOf(scores, m);
            faces = Arrays.copyOf(faces, m);
            ids = Arrays.copyOf(ids, m);
        }

        ExpressionTrack toTrack(String source, double fps, ExpressionModel model) {
            double[] flat = new double[n * ExprClass.COUNT];
            boolean[] labelled = new boolean[n], face = new boolean[n];
            for (int i = 0; i < n; i++) {
                labelled[i] = probs[i] != null;
                face[i] = boxes[i] != null;
                if (labelled[i]) System.arraycopy(probs[i], 0, flat, i * ExprClass.COUNT, ExprClass.COUNT);
            }
            FaceDetails d = new FaceDetails(Arrays.copyOf(scores, n), Arrays.copyOf(keypoints, n), Arrays.copyOf(faces, n),
                    Arrays.copyOf(ids, n));
            boolean any = false;
            for (boolean f : face) any |= f;
            String modalities = any ? "face only" : "none";
            return new ExpressionTrack("live", Path.of(source), fps, FramePredictions.ofFlatProbabilities(flat, labelled),
                    face, Arrays.copyOf(boxes, n), new boolean[n], modalities, crops, model.description(), d);
        }
    }

    /** Releases the detector and the networks. */
    @Override
    public void close() {
        if (detector != null) detector.close();
        extractors.values().forEach(FrameFeatureExtractor::close);
    }
}
