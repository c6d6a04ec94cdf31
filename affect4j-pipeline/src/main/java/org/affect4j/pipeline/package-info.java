/**
 * From a media input to frame-aligned rows in a feature store: {@link org.affect4j.pipeline.VideoExtraction} decodes
 * a video, an audio file, a still image or a folder of frames, finds and follows the face
 * ({@link org.affect4j.pipeline.FaceCropSource}), runs the visual and audio extractors, and writes one row per video
 * frame. {@link org.affect4j.pipeline.ExtractionOptions} says how; {@link org.affect4j.pipeline.ExtractionListener}
 * hears the progress. {@code extract}, {@code predict} and the default model's recipe all go through it, so a row is
 * computed the same way wherever it is used.
 */
package org.affect4j.pipeline;
