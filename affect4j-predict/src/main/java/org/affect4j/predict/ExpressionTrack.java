package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.data.Rounding;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code affect4j predict} learned about one input, frame by frame: what the report writers render.
 *
 * @param name        input name (file name without extension)
 * @param source      the input path
 * @param fps         frames (rows) per second; for audio-only inputs the audio row rate
 * @param predictions per-frame class probabilities (8 classes, ABAW order) and labels, label -1 (and no
 *                    probabilities) for a frame without prediction (neither a face nor speech); kept as printed:
 *                    probabilities rounded to {@value Rounding#PROBABILITY_DECIMALS} decimals and each label the
 *                    arg-max of its rounded row, lowest class index on a tie ({@link FramePredictions#rounded})
 * @param faceFound   per frame: a face was found (all false for audio-only inputs)
 * @param faceBoxes   per frame: {x, y, width, height} in frame pixels, or null when no face / unknown
 * @param speech      per frame: speech (voice activity) was detected (all false for silent or visual-only inputs)
 * @param modalities  what the model could use: "face+voice", "face only", "voice only"
 * @param cropSamples a few aligned face crops (file paths, time order) to show in the report; may be empty
 * @param model       model name and provenance lines (trained on, licence, measured F1), in display order
 * @param faceDetails per frame: detector confidence, key points, number of faces found, followed track
 */
public record ExpressionTrack(String name, Path source, double fps, FramePredictions predictions, boolean[] faceFound,
                              float[][] faceBoxes, boolean[] speech, String modalities, List<Path> cropSamples,
                              Map<String, String> model, FaceDetails faceDetails) {
    /**
     * Checks that every per-frame array has one entry per frame; keeps the predictions rounded as printed.
     *
     * @param name        input name
     * @param source      the input path
     * @param fps         frames per second
     * @param predictions per-frame predictions
     * @param faceFound   per frame: a face was found
     * @param faceBoxes   per frame: the face box or null
     * @param speech      per frame: speech detected
     * @param modalities  what the model could use
     * @param cropSamples a few aligned face crops
     * @param model       model description
     * @param faceDetails per frame: detector confidence, key points, faces found, followed track
     */
    public ExpressionTrack {
        int n = predictions.frames();
        if (faceFound.length != n || faceBoxes.length != n || speech.length != n || faceDetails.frames() != n) {
            throw new IllegalArgumentException("per-frame arrays of " + name + " disagree with its " + n + " frames");
        }
        if (!(fps > 0)) throw new IllegalArgumentException("frame rate of " + name + " must be positive, got " + fps);
        // every writer (frames.csv, the ABAW file, plot, report) sees the labels of the printed probabilities
        predictions = predictions.rounded(Rounding.PROBABILITY_DECIMALS);
        cropSamples = List.copyOf(cropSamples);
        model = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(model));
    }

    /**
     * A track whose face details are unknown ({@link FaceDetails#unknown}).
     *
     * @param name        input name
     * @param source      the input path
     * @param fps         frames per second
     * @param predictions per-frame predictions
     * @param faceFound   per frame: a face was found
     * @param faceBoxes   per frame: the face box or null
     * @param speech      per frame: speech detected
     * @param modalities  what the model could use
     * @param cropSamples a few aligned face crops
     * @param model       model description
     */
    public ExpressionTrack(String name, Path source, double fps, FramePredictions predictions, boolean[] faceFound,
                           float[][] faceBoxes, boolean[] speech, String modalities, List<Path> cropSamples,
                           Map<String, String> model) {
        this(name, source, fps, predictions, faceFound, faceBoxes, speech, modalities, cropSamples, model,
                FaceDetails.unknown(predictions.frames()));
    }

    /**
     * Whether faces were looked for: not in a voice-only reading (no picture, or a model that reads no face feature).
     *
     * @return false for a voice-only reading
     */
    public boolean facesSearched() {
        return !"voice only".equals(modalities);
    }

    /**
     * Whether speech was looked for: not in a face-only reading (no sound, or a model that reads no voice feature).
     *
     * @return false for a face-only reading
     */
    public boolean speechSearched() {
        return !"face only".equals(modalities);
    }

    /**
     * Number of frames.
     *
     * @return the number of frames (rows)
     */
    public int frames() {
        return predictions.frames();
    }

    /**
     * Time in seconds of frame {@code i}.
     *
     * @param i frame index, 0-based
     * @return the frame's start time in seconds
     */
    public double time(int i) {
        return i / fps;
    }

    /**
     * One frame as a {@link FrameExpression}.
     *
     * @param i frame index, 0-based
     * @return the frame's label, probabilities and face / speech evidence
     */
    public FrameExpression frame(int i) {
        int label = predictions.label(i);
        double[] p = predictions.hasProbabilities() && predictions.isLabelled(i) ? predictions.probabilities(i) : null;
        return new FrameExpression(i, time(i), label, p, faceFound[i], faceBoxes[i], faceDetails.scores()[i], speech[i]);
    }

    /**
     * Every frame in order, as {@link FrameExpression}s made on demand.
     *
     * @return a sequential stream of {@link #frames()} elements
     */
    public java.util.stream.Stream<FrameExpression> stream() {
        return java.util.stream.IntStream.range(0, frames()).mapToObj(this::frame);
    }
}
