package org.affect4j.predict;

import org.affect4j.data.RgbImage;
import org.affect4j.faces.Face;
import org.affect4j.faces.FaceAligner;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceDetectors;
import org.affect4j.faces.FaceTrack;
import org.affect4j.faces.FaceTracker;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.VideoFrame;
import org.affect4j.util.AtomicFiles;
import org.affect4j.data.Images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The expression of a live source (camera, network stream, standard input), frame by frame as it plays: each row is
 * decided from that frame, the frames before it and, with the voice, the sound up to a fixed time after it.
 *
 * <p>What differs from a file ({@link ExpressionRecognizer}): the followed face is the heaviest face track seen so far
 * (a file chooses the person after seeing the whole video); the temporal smoothing is causal, the mean of the
 * labelled frames among the last {@code smoothingSeconds} of frames (a file's box is centred); the voice descriptors
 * are centred on the speech heard so far (a file's on the whole recording's) and analysed in short chunks
 * ({@link LiveVoice}). A voice encoder (the default model's) reads the last segment heard every quarter second
 * ({@link LiveEncoder}), so a row waits for {@value LiveEncoder#LOOKAHEAD_SECONDS} s of sound after its frame; a
 * regression's voice window stays centred, so a row waits for the window's half-width; either way plus the chunk
 * analysis (about 0.8 s). The
 * face rows are the ones a file gets (same detector, alignment and networks side by side), except that the
 * embedding is held over {@link ExpressionModel#faceEvery()} frames where a file interpolates between key frames (live
 * cannot wait for the next one), and the face is detected in every frame, to follow it without looking ahead.
 *
 * <p>Frames are decoded on their own thread ({@link LiveDecoder}); when the recognizer falls behind the source's
 * clock, waiting frames are dropped (they get no row and no label in the final track; their sound still counts), so
 * the rows keep up with the source; a faster-than-real-time input (a file piped in) is read at the recognizer's pace
 * instead, nothing dropped. Not thread-safe: one source at a time.
 */
public final class LiveRecognizer implements AutoCloseable {
    private static final double CROP_EVERY_SECONDS = 2;

    /**
     * One decided frame.
     *
     * @param frame     the frame's expression
     * @param voice     the voice branch's probabilities for the frame (8, ABAW order, before fusion and smoothing), or
     *                  null where it has no say (no sound, no speech in the window, or a model without voice)
     * @param latencyMs milliseconds from the frame leaving the decoder to its row being decided
     * @param lagMs     how far the row is behind the source's clock: milliseconds between the row being decided and
     *                  the moment the frame was due, the clock set by the presentation times and the frame that arrived
     *                  earliest relative to them (so network, probing and queueing delays all count)
     */
    public record LiveFrame(FrameExpression frame, double[] voice, double latencyMs, double lagMs) {
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
    private final FaceDetector detector;
    private final int faceEvery;
    private final FaceAligner aligner = new FaceAligner();
    private final Map<String, FrameFeatureExtractor> extractors = new LinkedHashMap<>();
    /** The face networks of a key frame, side by side as a file's are ({@link org.affect4j.pipeline.SideBySideNets}). */
    private org.affect4j.pipeline.SideBySideNets nets;
    private Stats stats;

    /**
     * Loads the default face detector (the one files get) and the model's face networks (the voice's descriptors are
     * created per source with sound).
     *
     * @param model   a late-fusion model with a face branch (the shipped default, or a model file)
     * @param threads threads for each network
     * @throws IllegalArgumentException for a model that cannot predict causally (a trained temporal model) or has no
     *                                  face branch
     */
    public LiveRecognizer(ExpressionModel model, int threads) {
        this(model, threads, FaceDetectors.DEFAULT);
    }

    /**
     * Loads the named face detector and the model's face networks.
     *
     * @param model    a late-fusion model with a face branch (the shipped default, or a model file)
     * @param threads  threads for each network
     * @param detector a face detector's name ({@link FaceDetectorFactory}, as {@code affect4j list} shows them)
     * @throws IllegalArgumentException for a model that cannot predict causally (a trained temporal model) or has no
     *                                  face branch, or an unknown detector (naming the known ones)
     */
    public LiveRecognizer(ExpressionModel model, int threads, String detector) {
        this(model, threads, detector, model.faceEvery());
    }

    /**
     * Loads the named face detector and the model's face networks, embedding the face on every n-th frame.
     *
     * @param model     a late-fusion model with a face branch (the shipped default, or a model file)
     * @param threads   threads for each network
     * @param detector  a face detector's name ({@link FaceDetectorFactory}, as {@code affect4j list} shows them)
     * @param faceEvery embed the face on every n-th frame, holding it in between (live cannot wait for the next one)
     * @throws IllegalArgumentException as {@link #LiveRecognizer(ExpressionModel, int, String)}, or a stride below 1
     */
    public LiveRecognizer(ExpressionModel model, int threads, String detector, int faceEvery) {
        if (faceEvery < 1) throw new IllegalArgumentException("faceEvery must be >= 1, got " + faceEvery);
        this.faceEvery = faceEvery;
        if (!FusionStream.streams(model) || ((LateFusionModel) model).spec().visual() == null) {
            throw new IllegalArgumentException("live prediction needs a late-fusion model with a face branch (the default"
                    + " model or a model file); '" + model.name() + "' is not one");
        }
        this.model = (LateFusionModel) model;
        LateFusionModel.Audio audio = this.model.spec().audio();
        if (audio != null && audio.encoder() != null && !LiveEncoder.supports(audio)) {
            throw new IllegalArgumentException("model '" + model.name() + "': its voice encoder reads rows normalised by '"
                    + audio.normalise() + "', which needs the whole recording; live prediction takes 'none' or 'centre'");
        }
        this.detector = FaceDetectorFactory.ALL.get(detector).create(threads);
        try {
            List<String> features = this.model.spec().visual().features();
            int netThreads = org.affect4j.pipeline.SideBySideNets.threadsPerNet(features.size(), threads);
            // a stream is video: the model's stand-ins, as predict runs them on a video file
            for (String f : features) extractors.put(f, org.affect4j.pipeline.StandIn.open(f, this.model.videoStandIns(), netThreads));
            nets = new org.affect4j.pipeline.SideBySideNets(new java.util.ArrayList<>(extractors.values()), threads);
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
        return run(source, sink, stop, t -> { });
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
        try (FFmpegVideoSource video = FFmpegVideoSource.openLive(source, model.spec().audio() != null)) {
            ExpressionTrack t = new Run(source, video, sink, crops).run(stop);
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

    /** A frame's face, decided at once, waiting for its sound and its smoothing. */
    private record Seen(LiveDecoder.Arrived arrived, float[] faceRow, float[] box, float score, float[] keypoints,
                        int faces, int trackId) {
        boolean dropped() {
            return arrived == null;
        }
    }

    /** One source from its first frame to its report. */
    private final class Run {
        private final String source;
        private final FFmpegVideoSource video;
        private final Consumer<LiveFrame> sink;
        private final Path crops;
        private final double fps;
        /** Frames between embeddings of the face: the recognizer's stride at this source's rate. */
        private final int embedEvery;
        private final LiveVoice voice;
        private final FusionStream fusion;
        private final LiveEncoder encoder;
        private final ArrayDeque<Seen> encoding = new ArrayDeque<>(); // frames whose voice the encoder has not read yet
        private final FaceTracker tracker = new FaceTracker();
        private final TrackBuilder track = new TrackBuilder();
        private final Map<String, float[]> held = new LinkedHashMap<>();
        private final ArrayDeque<Seen> toFuse = new ArrayDeque<>(), toDecide = new ArrayDeque<>();
        private final ArrayDeque<Boolean> speech = new ArrayDeque<>();
        private final List<Double> latency = new ArrayList<>(), lag = new ArrayList<>();
        private int lastEmbedded = Integer.MIN_VALUE / 2, nextCrop, lastIndex = -1;
        private long firstNanos = -1, lastRow, clock = Long.MAX_VALUE; // clock: arrival minus presentation time, least so far

        Run(String source, FFmpegVideoSource video, Consumer<LiveFrame> sink, Path crops) {
            this.source = source;
            this.video = video;
            this.sink = sink;
            this.crops = crops;
            this.fps = video.frameRate();
            this.embedEvery = FaceCropPipeline.keyStride(faceEvery, fps);
            this.voice = model.spec().audio() != null && video.hasAudio()
                    ? new LiveVoice(model, fps, PredictSession.SPEECH_THRESHOLD) : null;
            this.encoder = voice != null && model.spec().audio().encoder() != null
                    ? new LiveEncoder(model.spec().audio(), fps, voice.dimension()) : null;
            this.fusion = new FusionStream(model, fps, voice == null ? 1 : voice.dimension(), FusionStream.Timing.LIVE,
                    Long.MAX_VALUE, this::decided);
        }

        ExpressionTrack run(BooleanSupplier stop) throws IOException {
            boolean ended = false;
            try (LiveVoice v = voice; LiveDecoder decoder = new LiveDecoder(video, voice)) {
                while (!stop.getAsBoolean()) {
                    Object o;
                    try {
                        o = decoder.poll(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    if (o == LiveDecoder.END) {
                        ended = true;
                        break;
                    }
                    if (o instanceof Throwable t) {
                        if (t instanceof IOException io) throw io;
                        throw new IOException("decoding the live source failed: " + t.getMessage(), t);
                    }
                    if (o != null) frame((LiveDecoder.Arrived) o);
                    fuseReady(false);
                }
                finish(ended, decoder);
            }
            return track.build("live", Path.of(source), fps, null, List.of(), model.description());
        }

        /** The source ended (or was stopped): the sound's last rows (waited for when it ended), then the last frames. */
        private void finish(boolean ended, LiveDecoder decoder) {
            if (voice != null) {
                voice.end();
                try {
                    voice.awaitEnd(ended ? 10_000 : 2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            fuseReady(true);
            fusion.finish();
            stats = new Stats(track.frames(), latency.size(), decoder.dropped(), firstNanos < 0 ? 0 : (lastRow - firstNanos) / 1e9,
                    fps, latency.stream().mapToDouble(Double::doubleValue).toArray(),
                    lag.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Finds and embeds the face of one frame; frames dropped before it wait too, without a face. */
        private void frame(LiveDecoder.Arrived a) throws IOException {
            VideoFrame f = a.frame();
            if (firstNanos < 0) firstNanos = a.nanos();
            clock = Math.min(clock, a.nanos() - a.ptsMicros() * 1_000);
            int i = f.index();
            for (int j = lastIndex + 1; j < i; j++) toFuse.add(new Seen(null, null, null, Float.NaN, null, -1, -1));
            lastIndex = i;
            List<Face> faces = detector.detect(f.image());
            tracker.update(i, faces);
            FaceTrack followed = followed(tracker, i);
            Face face = followed == null ? null : followed.face(followed.size() - 1);
            float[] row = null, box = null;
            if (face != null) {
                if (i - lastEmbedded >= embedEvery) {
                    RgbImage crop = aligner.align(f.image(), face).crop();
                    nets.run(List.of(crop)).forEach((id, rows) -> held.put(id, rows[0]));
                    lastEmbedded = i;
                    if (i >= nextCrop) {
                        Path file = crops.resolve(String.format(Locale.ROOT, "%05d.jpg", i + 1));
                        Images.write(crop, file);
                        track.crop(file);
                        nextCrop = i + (int) Math.round(CROP_EVERY_SECONDS * fps);
                    }
                }
                row = FusionStream.faceRow(model, held);
                box = new float[] {(float) face.box().x(), (float) face.box().y(), (float) face.box().width(),
                        (float) face.box().height()};
            }
            toFuse.add(new Seen(a, row, box, face == null ? Float.NaN : face.score(),
                    face == null ? null : face.keypointCoordinates(), faces.size(), followed == null ? -1 : followed.id()));
        }

        /** Hands the model every waiting frame whose sound is in (all of them without sound, or at the end). */
        private void fuseReady(boolean end) {
            while (!toFuse.isEmpty()) {
                LiveVoice.Row r = null;
                if (voice != null) {
                    r = voice.take();
                    if (r == null && !end && !voice.ended()) break;
                }
                Seen s = toFuse.poll();
                toDecide.add(s);
                speech.add(r != null && r.speech());
                if (encoder != null) {
                    encoder.add(r == null ? null : r.descriptors(), r != null && r.gate());
                    encoding.add(s);
                } else if (model.spec().audio() != null && model.spec().audio().encoder() != null) {
                    fusion.push(s.faceRow(), (double[]) null); // a voice encoder but no sound
                } else {
                    fusion.push(s.faceRow(), r == null ? null : r.descriptors(), r == null || r.gate());
                }
            }
            if (encoder == null) return;
            if (end) encoder.end();
            while (encoder.ready()) fusion.push(encoding.poll().faceRow(), encoder.take());
        }

        private void decided(int index, int label, double[] probabilities, double[] voiceProbabilities) {
            Seen s = toDecide.poll();
            boolean spoken = speech.poll();
            if (s.dropped()) return;
            FrameExpression f = new FrameExpression(index, index / fps, label, probabilities, s.box() != null, s.box(),
                    s.score(), spoken);
            track.add(f, s.keypoints(), s.faces(), s.trackId());
            long now = System.nanoTime();
            lastRow = now;
            double lat = (now - s.arrived().nanos()) / 1e6;
            double lg = (now - (clock + s.arrived().ptsMicros() * 1e3)) / 1e6;
            latency.add(lat);
            lag.add(lg);
            sink.accept(new LiveFrame(f, voiceProbabilities, lat, lg));
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

    /** Releases the detector and the networks. */
    @Override
    public void close() {
        if (detector != null) detector.close();
        if (nets != null) nets.close();
        extractors.values().forEach(FrameFeatureExtractor::close);
    }
}
