package org.affect4j.pipeline;

import java.util.List;

/**
 * What one input's extraction did.
 *
 * @param name       store video name
 * @param frames     frames in the store rows (native audio rows for audio-only inputs)
 * @param fps        rows per second
 * @param written    features written in this run
 * @param skipped    features already complete in the store (resumed runs)
 * @param faceFrames frames with a face (-1 when no visual feature was computed)
 * @param audioRows  frames with audio (-1 when no audio feature was computed, 0 when the input has no audio)
 */
public record ExtractionResult(String name, int frames, double fps, List<String> written, List<String> skipped,
                               int faceFrames, int audioRows) {
}
