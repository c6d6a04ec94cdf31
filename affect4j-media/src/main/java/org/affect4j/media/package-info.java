/**
 * Media decoding: video frames at the native rate ({@link org.affect4j.media.FFmpegVideoSource}), frame folders
 * such as Aff-Wild2 crops ({@link org.affect4j.media.ImageFolderSource}) and 16 kHz mono audio
 * ({@link org.affect4j.media.AudioDecoder}), all through FFmpeg/JavaCV or javax.imageio. Every unusable file is
 * reported as a {@link org.affect4j.media.MediaException} with a one-line reason.
 */
package org.affect4j.media;
