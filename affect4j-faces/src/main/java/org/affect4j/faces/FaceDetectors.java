package org.affect4j.faces;

import ai.onnxruntime.OrtEnvironment;
import org.affect4j.util.AbstractPlugin;

/** The built-in face detectors, registered in this module's {@code META-INF/services}. */
public final class FaceDetectors {
    /** The default detector's name. */
    public static final String DEFAULT = "blazeface";

    private FaceDetectors() {
    }

    /** MediaPipe BlazeFace, front-camera model: faces filling a good part of the frame. */
    public static final class BlazeFaceFront extends AbstractPlugin implements FaceDetectorFactory {
        public BlazeFaceFront() {
            super(DEFAULT, "MediaPipe BlazeFace front model (128x128, 6 key points): faces filling a good part of the frame");
        }

        @Override
        public FaceDetector create(int threads) {
            return BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.FRONT_128, threads);
        }
    }

    /** MediaPipe BlazeFace, back-camera model: small or distant faces, about four times the cost. */
    public static final class BlazeFaceBack extends AbstractPlugin implements FaceDetectorFactory {
        public BlazeFaceBack() {
            super("blazeface-back", "MediaPipe BlazeFace back model (256x256): small or distant faces, ~4x the cost");
        }

        @Override
        public FaceDetector create(int threads) {
            return BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.BACK_256, threads);
        }
    }

    /** The OpenCV Haar cascade: frontal faces, key points estimated from the box. */
    public static final class Haar extends AbstractPlugin implements FaceDetectorFactory {
        public Haar() {
            super("haar", "OpenCV Haar cascade: frontal faces only, key points estimated from the box");
        }

        @Override
        public FaceDetector create(int threads) {
            return new HaarFaceDetector();
        }
    }
}
