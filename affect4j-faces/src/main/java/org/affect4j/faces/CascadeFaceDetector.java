package org.affect4j.faces;

import org.affect4j.data.RgbImage;

import java.util.List;
import java.util.function.Supplier;

/**
 * A detector that asks a second one only where the first finds no face: BlazeFace's front model sees faces that
 * fill a good part of the picture and misses faces under about a tenth of its width (a person across a room, a
 * 1080p interview); the back model finds those for about three times the cost. A picture's faces are a function
 * of the picture alone (the first detector's when it finds any), whatever order pictures come in. The second
 * detector is made when first needed, so inputs whose faces the first finds never load it. A still picture is searched
 * in every framing with the first detector before the second is asked ({@link #stages()}): on the 229 FER2013 test
 * pictures the front model misses as they are, the back model's faces read worse (88 labelled right through
 * {@code predict}) than the front model's on the canvas around them (103).
 *
 * <p>Thread-safe when both detectors are.
 */
public final class CascadeFaceDetector implements FaceDetector {
    private final FaceDetector first;
    private final Supplier<? extends FaceDetector> secondFactory;
    private volatile FaceDetector second;
    private boolean closed;
    /** The second detector as a stage: made when first asked to detect, closed with the cascade. */
    private final FaceDetector secondStage = new FaceDetector() {
        @Override
        public List<Face> detect(RgbImage image) {
            return second().detect(image);
        }

        @Override
        public List<Face> detect(RgbImage image, double minScore) {
            return second().detect(image, minScore);
        }

        @Override
        public void close() {
            // owned by the cascade
        }
    };
    private final List<FaceDetector> stages;

    /**
     * @param first         asked first
     * @param secondFactory makes the detector asked where the first finds nothing (called at most once)
     */
    public CascadeFaceDetector(FaceDetector first, Supplier<? extends FaceDetector> secondFactory) {
        this.first = first;
        this.secondFactory = secondFactory;
        this.stages = List.of(first, secondStage);
    }

    @Override
    public List<Face> detect(RgbImage image) {
        List<Face> faces = first.detect(image);
        return faces.isEmpty() ? secondStage.detect(image) : faces;
    }

    @Override
    public List<Face> detect(RgbImage image, double minScore) {
        List<Face> faces = first.detect(image, minScore);
        return faces.isEmpty() ? secondStage.detect(image, minScore) : faces;
    }

    /** The first detector, then the second (made when first asked to detect). */
    @Override
    public List<FaceDetector> stages() {
        return stages;
    }

    private FaceDetector second() {
        FaceDetector s = second;
        if (s != null) return s;
        synchronized (this) {
            if (closed) throw new IllegalStateException("detector closed");
            if (second == null) second = secondFactory.get();
            return second;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            try {
                first.close();
            } finally {
                if (second != null) second.close();
            }
        }
    }
}
