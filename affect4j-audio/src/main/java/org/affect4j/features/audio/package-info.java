/**
 * Voice descriptors computed in Java from 16 kHz mono audio: Kaldi-compatible log-Mel filterbanks
 * ({@link org.affect4j.features.audio.KaldiFbank}), the eGeMAPS v02 parameter set
 * ({@link org.affect4j.features.audio.EgemapsExtractor}), the ComParE 2016 low-level descriptors
 * ({@link org.affect4j.features.audio.CompareExtractor}), Silero voice activity
 * ({@link org.affect4j.features.audio.SileroVad}) and a bring-your-own ONNX audio model
 * ({@link org.affect4j.features.audio.OnnxAudioExtractor}); {@link org.affect4j.features.audio.AudioExtractors}
 * creates them by name and {@link org.affect4j.features.audio.FrameAlignment} puts their rows onto video frames;
 * {@link org.affect4j.features.audio.VideoAudioFeatures} does decode, extract and align for one video.
 * Utterance-level eGeMAPS functionals (88) come from {@link org.affect4j.features.audio.EgemapsFunctionals}.
 *
 * <p>All spectral extractors share one framing ({@link org.affect4j.features.audio.SpectralFramer}) on one grid
 * ({@link org.affect4j.features.audio.AudioFrames}): 10 ms hop, row {@code i} centred at
 * {@code 12.5 ms + i * 10 ms}, the centre of Kaldi's 25 ms window.
 */
package org.affect4j.features.audio;
