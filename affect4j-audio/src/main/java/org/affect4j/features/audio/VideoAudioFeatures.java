package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.media.AudioDecoder;
import org.affect4j.store.FeatureMatrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The audio half of a video's features, one call per video: streams its soundtrack once as 16 kHz mono (FFmpeg,
 * {@link AudioDecoder}), runs each extractor on the same samples chunk by chunk ({@link ChunkedExtraction}: memory
 * stays flat for hour-long recordings; eGeMAPS and ComParE share one pitch analysis and one spectral front end, see {@link LldInput})
 * and aligns every stream to the video's frames ({@link FrameAligner}). A file without an audio track gives
 * all-invalid rows of the right shape, so visual extraction and the store go on unaffected.
 */
public final class VideoAudioFeatures {
    private VideoAudioFeatures() {
    }

    /**
     * @param media      a video or audio file FFmpeg reads
     * @param extractors the extractors to run (the caller owns and closes them)
     * @param frames     the video's frame count (rows of every result)
     * @param fps        the video's frame rate, read from its container
     * @return one {@code [frames, dim]} matrix per extractor id, in the given order
     * @throws org.affect4j.media.MediaException if the file cannot be opened or decoded
     */
    public static Map<String, FeatureMatrix> extract(Path media, List<AudioFeatureExtractor> extractors, int frames,
                                                     double fps) {
        if (frames < 0) throw new IllegalArgumentException("frame count must be >= 0, got " + frames);
        Map<String, FrameAligner.Rows> rows = new LinkedHashMap<>();
        for (AudioFeatureExtractor e : extractors) {
            if (rows.put(e.id(), new FrameAligner.Rows(frames, e.dimension())) != null) {
                throw new IllegalArgumentException("audio extractor '" + e.id() + "' given twice");
            }
        }
        stream(media, extractors, List.copyOf(rows.values()), frames, fps, ChunkedExtraction.Chunking.DEFAULT, 1);
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        rows.forEach((id, r) -> out.put(id, r.matrix()));
        return out;
    }

    /**
     * Streams the audio of {@code media} through the extractors chunk by chunk and writes each aligned stream to its
     * sink, row after row (to a {@code MatrixWriter}, say); a file without an audio track gives {@code frames}
     * invalid zero rows.
     *
     * @param sinks    one per extractor, same order
     * @param frames   the video's frame count, or -1 for an audio-only input (rows follow its duration)
     * @param rate     the video's frame rate, or the rows per second wanted for an audio-only input
     * @param chunking chunk sizes ({@link ChunkedExtraction.Chunking#DEFAULT} unless testing)
     * @param threads  chunks analysed at once
     * @return rows written to each sink, and whether the file had sound
     * @throws org.affect4j.media.MediaException if the file cannot be opened or decoded, or an audio-only input
     *         has no audio stream
     */
    public static Streamed stream(Path media, List<AudioFeatureExtractor> extractors, List<FrameAligner.RowSink> sinks,
                             int frames, double rate, ChunkedExtraction.Chunking chunking, int threads) {
        if (frames < -1) throw new IllegalArgumentException("frame count must be >= 0 or -1, got " + frames);
        return run(media, extractors, sinks, frames, () -> frames, rate, chunking, threads, null);
    }

    /** {@link #stream} keeping the first pass's samples in {@code spoolFolder} (tests: one that cannot be written). */
    static Streamed stream(Path media, List<AudioFeatureExtractor> extractors, List<FrameAligner.RowSink> sinks,
                           int frames, double rate, ChunkedExtraction.Chunking chunking, int threads, Path spoolFolder) {
        return run(media, extractors, sinks, frames, () -> frames, rate, chunking, threads, spoolFolder);
    }

    /**
     * {@link #stream} for a video whose frames are being counted beside this pass (by the pass over its pictures, on
     * another thread), so that the two overlap: rows go to the sinks as far as the sound reaches, then {@code frames}
     * is asked once (it may block until the count is known) and the rows are completed up to it. When the sound
     * outlasts the pictures a sink has got rows past the count: it keeps the first {@link Streamed#rows()}, which
     * are exactly the rows {@link #stream} gives with the count known.
     *
     * @param frames asked once, at the end: the video's frame count
     * @param fps    the video's frame rate, read from its container
     */
    public static Streamed streamBeside(Path media, List<AudioFeatureExtractor> extractors, List<FrameAligner.RowSink> sinks,
                                   IntSupplier frames, double fps, ChunkedExtraction.Chunking chunking, int threads) {
        return run(media, extractors, sinks, ChunkedExtraction.COUNTED_BESIDE, frames, fps, chunking, threads, null);
    }

    /**
     * @param mode        the frame count, -1 (audio only) or {@link ChunkedExtraction#COUNTED_BESIDE} ({@code count} then)
     * @param spoolFolder where the first pass keeps its samples (null: the JVM's temporary folder)
     */
    private static Streamed run(Path media, List<AudioFeatureExtractor> extractors, List<FrameAligner.RowSink> sinks,
                                int mode, IntSupplier count, double rate, ChunkedExtraction.Chunking chunking, int threads,
                                Path spoolFolder) {
        List<FrameAligner> aligners = new ArrayList<>();
        for (int i = 0; i < extractors.size(); i++) aligners.add(FrameAligner.of(extractors.get(i), rate, sinks.get(i)));
        if (mode != -1 && !AudioDecoder.hasAudio(media)) {
            int frames = count.getAsInt();
            aligners.forEach(a -> a.finish(frames));
            return new Streamed(frames, false);
        }
        if (extractors.stream().noneMatch(e -> e instanceof LevelDependent)) {
            return analyse(media, extractors, aligners, chunking, mode, count, rate, null, threads, null);
        }
        // a first pass so every chunk's pitch analysis uses the whole signal's level; its samples are kept for the
        // second, which then reads them back instead of decoding again
        try (SampleSpool spool = new SampleSpool(spoolFolder)) {
            SignalLevel.Accumulator level = new SignalLevel.Accumulator();
            AudioDecoder.stream(media, x -> {
                level.add(x);
                spool.add(x);
            });
            return analyse(media, extractors, aligners, chunking, mode, count, rate, level.level(), threads,
                    spool.complete() ? spool : null);
        }
    }

    /** The pass that analyses: the samples {@code kept} from the first pass, or decoded from {@code media}. */
    private static Streamed analyse(Path media, List<AudioFeatureExtractor> extractors, List<FrameAligner> aligners,
                                    ChunkedExtraction.Chunking chunking, int mode, IntSupplier count, double rate,
                                    SignalLevel level, int threads, SampleSpool kept) {
        try (ChunkedExtraction chunks = new ChunkedExtraction(extractors, aligners, chunking, mode, rate, level, threads)) {
            if (kept != null) kept.replay(chunks::accept);
            else AudioDecoder.stream(media, chunks::accept);
            // an audio-only input is its sound: none at all is bad input, as no audio stream is (a video's pictures
            // still have their rows)
            if (mode == -1 && chunks.samples() == 0) throw AudioDecoder.noSamples(media);
            if (mode != ChunkedExtraction.COUNTED_BESIDE) return new Streamed(chunks.finish(), true);
            chunks.drain(); // all the analysis, before waiting for the count
            return new Streamed(chunks.finish(count.getAsInt()), true);
        }
    }

    /**
     * What {@link #stream} did.
     *
     * @param rows  rows written to each sink
     * @param audio false when the video had no audio track (every row invalid)
     */
    public record Streamed(int rows, boolean audio) {
    }

    /**
     * The same on samples already decoded (16 kHz mono), for callers that need the signal's length first (an
     * audio-only input sets its row count from its duration).
     *
     * @param samples 16 kHz mono samples
     * @param frames  rows of every result
     * @param fps     rows per second of the result
     */
    public static Map<String, FeatureMatrix> extract(float[] samples, List<AudioFeatureExtractor> extractors, int frames,
                                                     double fps) {
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        for (AudioFeatureExtractor e : extractors) {
            if (out.containsKey(e.id())) throw new IllegalArgumentException("audio extractor '" + e.id() + "' given twice");
            out.put(e.id(), FrameAlignment.toVideoFrames(e.extract(samples), e, frames, fps));
        }
        return out;
    }
}
