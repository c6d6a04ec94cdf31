package org.affect4j.faces;

import ai.onnxruntime.OrtEnvironment;
import org.affect4j.util.AbstractPlugin;

/** The built-in face detectors, registered in this module's {@code META-INF/services}. */
public final class FaceDetectors {
    /** The default detector's name. */
    public static final String DEFAULT = "blazeface";

    private FaceDetectors() {
    }

    /** A BlazeFace model as a detector plug-in. */
    private abstract static class BlazeFace extends AbstractPlugin implements FaceDetectorFactory {
        private final BlazeFaceModel model;

        BlazeFace(String name, String description, BlazeFaceModel model) {
            super(name, description);
            this.model = model;
        }

        @Override
        public FaceDetector create(int threads) {
            return BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), model, threads);
        }
    }

    /** MediaPipe BlazeFace, front-camera model: faces filling a good part of the frame. */
    public static final class BlazeFaceFront extends BlazeFace {
        public BlazeFaceFront() {
            super(DEFAULT, "MediaPipe BlazeFace front model (128x128, 6 key points): faces filling a good part of the frame",
                    BlazeFaceModel.FRONT_128);
        }
    }

    /** MediaPipe BlazeFace, back-camera model: small or distant faces, about four times the cost. */
    public static final class BlazeFaceBack extends BlazeFace {
        public BlazeFaceBack() {
            super("blazeface-back", "MediaPipe BlazeFace back model (256x256): small or distant faces, ~4x the cost",
                    BlazeFaceModel.BACK_256);
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
