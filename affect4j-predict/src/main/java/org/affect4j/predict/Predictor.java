package org.affect4j.predict;

import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.MediaInput;

import java.io.IOException;

/**
 * {@code affect4j predict} of one input as a library call: extracts the features a model needs into a private
 * temporary store, runs the model, and hands the resulting {@link ExpressionTrack} to a writer (the report files)
 * while its sample crops still exist. The temporary store is removed afterwards, whatever happens. For many inputs
 * with the models loaded once, use {@link ExpressionRecognizer}.
 */
public final class Predictor {
    /** Voice-activity feature used for the speech share in reports. */
    public static final String VAD = "vad";

    /** Renders a finished track (e.g. writes frames.csv, the plot and the report). */
    @FunctionalInterface
    public interface TrackWriter {
        /**
         * Renders the track.
         *
         * @param track the finished track
         * @throws IOException when writing fails
         */
        void write(ExpressionTrack track) throws IOException;
    }

    private final ExpressionModel model;
    private final int threads;
    private final double folderFps;

    /**
     * A predictor of one model.
     *
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
     * @param input    the input
     * @param listener progress and notes
     * @param writer   called with the track before the temporary files are removed
     * @return the track
     * @throws IOException              when decoding or writing fails
     * @throws IllegalArgumentException for unusable input (one clear message)
     */
    public ExpressionTrack predict(MediaInput input, ExtractionListener listener, TrackWriter writer) throws IOException {
        try (PredictSession s = new PredictSession(model, model, threads, folderFps)) {
            ExpressionTrack track = s.predict(input, listener);
            writer.write(track);
            return track;
        }
    }
}
