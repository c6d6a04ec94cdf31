package org.affect4j.faces;

import java.util.List;
import org.affect4j.data.RgbImage;

/**
 * Finds faces in one image. Implementations hold native resources (an ONNX Runtime session, an OpenCV classifier):
 * whoever creates a detector closes it. Whether {@link #detect} may be called from several threads at once is
 * stated by each implementation.
 *
 * <pre>{@code
 * try (FaceDetector d = BlazeFaceDetector.create(env, BlazeFaceModel.FRONT_128, 2)) {
 *     List<Face> faces = d.detect(image);
 * }
 * }</pre>
 */
public interface FaceDetector extends AutoCloseable {
    /**
     * The faces in {@code image}, highest score first; an empty list when there is none (never an exception for
     * a valid image without faces).
     */
    List<Face> detect(RgbImage image);

    /**
     * The faces in {@code image} kept down to another minimum score, for a still picture in which {@link #detect}
     * found none; a detector without scores finds what {@link #detect} finds.
     *
     * @param image    the picture
     * @param minScore lowest score kept, in [0, 1)
     * @return the faces, highest score first
     */
    default List<Face> detect(RgbImage image, double minScore) {
        return detect(image);
    }

    /**
     * The detectors a still picture's search ({@link FaceCropPipeline#trackSingle}) goes through in turn, each over
     * every framing of the picture before the next is asked; this detector alone unless it is a cascade.
     *
     * @return the stages, first asked first
     */
    default List<FaceDetector> stages() {
        return List.of(this);
    }

    /** Releases native resources; no exception for a detector that holds none. */
    @Override
    void close();
}
