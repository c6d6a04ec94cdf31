package org.affect4j.faces;

import ai.onnxruntime.OrtEnvironment;
import org.affect4j.util.AbstractPlugin;

/** The built-in face detectors, registered in this module's {@code META-INF/services}. */
public final class FaceDetectors {
    /** The default detector's name: BlazeFace's front model, and its back model where the front one finds no face. */
    public static final String DEFAULT = "blazeface-cascade";

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
            super("blazeface", "MediaPipe BlazeFace front model (128x128, 6 key points): faces filling a good part of the frame",
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

    /**
     * BlazeFace's front model, then its back model on a picture where the front one finds no face: small or distant
     * faces are found too, at the back model's cost only where the front one misses (the default).
     */
    public static final class BlazeFaceCascade extends AbstractPlugin implements FaceDetectorFactory {
        public BlazeFaceCascade() {
            super(DEFAULT, "BlazeFace front model, and the back model where it finds no face (small or distant faces); the default");
        }

        @Override
        public FaceDetector create(int threads) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            return new CascadeFaceDetector(BlazeFaceDetector.create(env, BlazeFaceModel.FRONT_128, threads),
                    () -> BlazeFaceDetector.create(env, BlazeFaceModel.BACK_256, threads));
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
