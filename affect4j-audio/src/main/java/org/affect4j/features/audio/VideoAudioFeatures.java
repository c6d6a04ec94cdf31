package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.media.AudioDecoder;
import org.affect4j.store.FeatureMatrix;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audio half of a video's features, one call per video: decodes its soundtrack once to 16 kHz mono (FFmpeg,
 * {@link AudioDecoder}), runs each extractor on the same array (so eGeMAPS and ComParE share one pitch analysis,
 * see {@link VoiceAnalysis}) and aligns every stream to the video's frames ({@link FrameAlignment}). A file without
 * an audio track gives all-invalid rows of the right shape, so visual extraction and the store go on unaffected.
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
        Map<String, FeatureMatrix> out = new LinkedHashMap<>();
        if (!AudioDecoder.hasAudio(media)) {
            for (AudioFeatureExtractor e : extractors) {
                out.put(e.id(), new FeatureMatrix(frames, e.dimension(), new float[frames * e.dimension()],
                        new boolean[frames]));
            }
            return out;
        }
        return extract(AudioDecoder.decode(media), extractors, frames, fps);
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
