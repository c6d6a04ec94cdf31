/**
 * Faces of one person through a video: detection ({@link org.affect4j.faces.BlazeFaceDetector}, the
 * {@link org.affect4j.faces.HaarFaceDetector} fallback), tracking and choice of the person
 * ({@link org.affect4j.faces.FaceTracker}, {@link org.affect4j.faces.TrackSelector}), alignment to the 112x112
 * Aff-Wild2 crop ({@link org.affect4j.faces.FaceAligner}) and the two-pass {@link org.affect4j.faces.FaceCropPipeline}
 * that ties them together. Coordinates are pixels of the full frame, x to the right, y down, unless a method
 * says otherwise.
 */
package org.affect4j.faces;
