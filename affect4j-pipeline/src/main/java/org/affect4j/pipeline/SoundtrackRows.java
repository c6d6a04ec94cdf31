package org.affect4j.pipeline;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.audio.ChunkedExtraction;
import org.affect4j.features.audio.FrameAligner;
import org.affect4j.features.audio.VideoAudioFeatures;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixWriter;
import org.affect4j.util.Futures;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;

/**
 * Writes the audio features of one input into the store, streaming its sound once through the extractors chunk by
 * chunk (memory stays flat whatever the recording's length): an audio file's rows follow its duration
 * ({@link #audioFile}); a video's follow its frames and are computed beside the pass over its pictures
 * ({@link #beside}). A video without an audio track gets all-invalid rows (its visual features are unaffected).
 */
final class SoundtrackRows {
    private final FeatureStore store;
    private final Map<String, AudioFeatureExtractor> audio;
    private final int threads;

    /** @param audio the extractors by id (the caller owns them) */
    SoundtrackRows(FeatureStore store, Map<String, AudioFeatureExtractor> audio, int threads) {
        this.store = store;
        this.audio = audio;
        this.threads = threads;
    }

    /**
     * What one input's pass wrote.
     *
     * @param rows      rows of every stream
     * @param validRows the most valid rows of any stream
     * @param sound     false when the video had no audio track (every row invalid)
     */
    record Written(int rows, int validRows, boolean sound) {
    }

    /**
     * The rows of an audio-only input, {@code rate} a second.
     *
     * @throws org.affect4j.media.MediaException when it has no audio stream or cannot be decoded
     */
    Written audioFile(MediaInput in, List<String> ids, double rate) {
        return write(in, ids, -1, rate, null);
    }

    /** Starts the rows of a video on a thread of their own; the caller's pass over the pictures {@link Beside#finish}es them. */
    Beside beside(MediaInput in, List<String> ids) {
        return new Beside(in, ids);
    }

    /**
     * @param frames        the video's frame count, or -1 for an audio-only input (rows follow its duration)
     * @param rate          the video's frame rate, or the rows per second of an audio-only input
     * @param countedBeside instead of {@code frames}: the frame count of a video whose pictures are being counted
     *                      beside this pass, waited for at the end (null otherwise); failed, it stops the pass
     */
    private Written write(MediaInput in, List<String> ids, int frames, double rate, CompletableFuture<Integer> countedBeside) {
        List<AudioFeatureExtractor> extractors = ids.stream().map(audio::get).toList();
        Map<String, MatrixWriter> writers = new LinkedHashMap<>();
        List<BitSet> valid = new ArrayList<>();
        try {
            List<FrameAligner.RowSink> sinks = new ArrayList<>();
            for (String id : ids) {
                MatrixWriter w = store.writer(id, in.name());
                writers.put(id, w);
                BitSet v = new BitSet();
                valid.add(v);
                sinks.add((row, ok) -> {
                    if (countedBeside != null && countedBeside.isCompletedExceptionally()) {
                        throw new CancellationException("the pass over the pictures stopped");
                    }
                    if (ok) v.set(w.rows());
                    w.append(row, ok);
                });
            }
            // an audio-only input without sound fails here with the decoder's "has no audio stream"
            VideoAudioFeatures.Streamed r = countedBeside == null
                    ? VideoAudioFeatures.stream(in.path(), extractors, sinks, frames, rate, ChunkedExtraction.Chunking.DEFAULT, threads)
                    : VideoAudioFeatures.streamBeside(in.path(), extractors, sinks, () -> Futures.join(countedBeside,
                            "counting the video's frames"), rate, ChunkedExtraction.Chunking.DEFAULT, threads);
            // counted beside, a soundtrack that outlasts the pictures wrote rows past the count: only the count is kept
            for (MatrixWriter w : writers.values()) w.commit(r.rows());
            int most = valid.stream().mapToInt(v -> v.get(0, r.rows()).cardinality()).max().orElse(0);
            return new Written(r.rows(), most, r.audio());
        } finally {
            writers.values().forEach(MatrixWriter::close);
        }
    }

    /**
     * The rows of a video computed on a thread of their own, beside the caller's pass over its pictures: the two
     * decoders and analyses overlap instead of running one after the other (the soundtrack of the 60 s example took
     * ~0.6 s after the tracking pass). The rows need the frame count, which the picture pass knows at its end
     * ({@link #finish}); until then they go as far as the sound reaches (the same rows,
     * {@link VideoAudioFeatures#streamBeside}). Closing it without {@link #finish} (the picture pass failed) stops
     * the pass and waits for it, so nothing is left half-written.
     */
    final class Beside implements AutoCloseable {
        private final CompletableFuture<Integer> frames = new CompletableFuture<>();
        private final FutureTask<Written> pass;
        private volatile double fps = Double.NaN;

        private Beside(MediaInput in, List<String> ids) {
            pass = new FutureTask<>(() -> {
                try (FFmpegVideoSource v = FFmpegVideoSource.openForCounting(in.path())) {
                    fps = v.frameRate(); // the container's rate, which the picture pass reads too
                }
                return write(in, ids, -1, fps, frames);
            });
            Thread t = new Thread(pass, "affect4j-soundtrack");
            t.setDaemon(true);
            t.start();
        }

        /** The rows, once the picture pass has counted {@code count} frames at {@code pictureFps}. */
        Written finish(int count, double pictureFps) {
            frames.complete(count);
            Written w = Futures.join(pass, "analysing the soundtrack");
            if (fps != pictureFps) {
                throw new IllegalStateException("the soundtrack was aligned to " + fps + " frames/s, the pictures run at " + pictureFps);
            }
            return w;
        }

        @Override
        public void close() {
            if (frames.completeExceptionally(new CancellationException("the pass over the pictures stopped"))) {
                try {
                    pass.get();
                } catch (Exception ignored) {
                    // the picture pass's own failure is the one reported
                }
            }
        }
    }
}
