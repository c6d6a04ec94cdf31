package org.affect4j.faces;

import java.util.ArrayList;
import java.util.List;

/**
 * SSD anchor generation as MediaPipe's {@code SsdAnchorsCalculator} does it, for the options BlazeFace uses.
 * Consecutive layers with the same stride share one feature map, their anchors interleaved per cell; the order is
 * feature map, then row, then column, then anchor, which is the order of the model's output rows.
 *
 * <p>Front model ({@code face_detection_front.pbtxt}): 4 layers, strides 8,16,16,16, input 128, scales 0.1484375 to
 * 0.75, aspect ratio 1 plus one interpolated anchor per layer, fixed anchor size: a 16x16 map with 2 anchors per
 * cell and an 8x8 map with 6, 896 anchors. The back model has strides 16,32,32,32 on a 256 input: the same grid.
 *
 * @param inputWidth                    model input width in pixels
 * @param inputHeight                   model input height in pixels
 * @param minScale                      scale of the first layer
 * @param maxScale                      scale of the last layer
 * @param anchorOffsetX                 anchor centre offset within a cell, in cells
 * @param anchorOffsetY                 anchor centre offset within a cell, in cells
 * @param strides                       one stride per layer
 * @param aspectRatios                  aspect ratios per layer
 * @param fixedAnchorSize               anchors are 1x1 (boxes are then regressed relative to the input size)
 * @param interpolatedScaleAspectRatio  aspect ratio of the extra anchor between two scales; 0 for none
 * @param reduceBoxesInLowestLayer      MediaPipe's special 3-anchor lowest layer
 */
public record SsdAnchors(int inputWidth, int inputHeight, double minScale, double maxScale,
                         double anchorOffsetX, double anchorOffsetY, int[] strides, double[] aspectRatios,
                         boolean fixedAnchorSize, double interpolatedScaleAspectRatio,
                         boolean reduceBoxesInLowestLayer) {

    /** One anchor, all values normalised to the model input (0..1). */
    public record Anchor(double xCenter, double yCenter, double width, double height) {
    }

    public SsdAnchors {
        if (strides.length == 0) throw new IllegalArgumentException("at least one stride is needed");
        strides = strides.clone();
        aspectRatios = aspectRatios.clone();
    }

    /** The anchors in model output order. */
    public List<Anchor> generate() {
        List<Anchor> anchors = new ArrayList<>();
        int numLayers = strides.length;
        int layer = 0;
        while (layer < numLayers) {
            List<Double> ratios = new ArrayList<>();
            List<Double> scales = new ArrayList<>();
            int last = layer;
            while (last < numLayers && strides[last] == strides[layer]) {
                double scale = scale(last);
                if (last == 0 && reduceBoxesInLowestLayer) {
                    ratios.add(1.0); ratios.add(2.0); ratios.add(0.5);
                    scales.add(0.1); scales.add(scale); scales.add(scale);
                } else {
                    for (double ar : aspectRatios) {
                        ratios.add(ar);
                        scales.add(scale);
                    }
                    if (interpolatedScaleAspectRatio > 0) {
                        double next = last == numLayers - 1 ? 1.0 : scale(last + 1);
                        scales.add(Math.sqrt(scale * next));
                        ratios.add(interpolatedScaleAspectRatio);
                    }
                }
                last++;
            }
            int rows = (int) Math.ceil((double) inputHeight / strides[layer]);
            int cols = (int) Math.ceil((double) inputWidth / strides[layer]);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int a = 0; a < ratios.size(); a++) {
                        double sq = Math.sqrt(ratios.get(a));
                        double w = fixedAnchorSize ? 1 : scales.get(a) * sq;
                        double h = fixedAnchorSize ? 1 : scales.get(a) / sq;
                        anchors.add(new Anchor((x + anchorOffsetX) / cols, (y + anchorOffsetY) / rows, w, h));
                    }
                }
            }
            layer = last;
        }
        return anchors;
    }

    private double scale(int layer) {
        int n = strides.length;
        return n == 1 ? (minScale + maxScale) / 2 : minScale + (maxScale - minScale) * layer / (n - 1.0);
    }
}
