package org.affect4j.cli;

import org.affect4j.data.RgbImage;
import org.affect4j.faces.BoundingBox;
import org.affect4j.faces.Face;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.Point;
import org.affect4j.util.AbstractPlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test plug-in face detector, registered by one line in this module's test {@code META-INF/services}: the centre
 * square of the frame (half its shorter side) is "the face", with key points at fixed fractions of the box.
 */
public final class CentreSquareDetector extends AbstractPlugin implements FaceDetectorFactory {
    /** Images searched by any instance, so a test sees the plug-in was really used. */
    static final AtomicInteger SEARCHED = new AtomicInteger();
    private static final double[][] KEYPOINTS = {{0.3, 0.4}, {0.7, 0.4}, {0.5, 0.6}, {0.5, 0.8}, {0.1, 0.5}, {0.9, 0.5}};

    public CentreSquareDetector() {
        super("centre-square", "the centre square of the frame as the face (a test plug-in)");
    }

    @Override
    public FaceDetector create(int threads) {
        return new FaceDetector() {
            @Override
            public List<Face> detect(RgbImage image) {
                SEARCHED.incrementAndGet();
                double side = Math.min(image.width(), image.height()) / 2.0;
                BoundingBox box = new BoundingBox((image.width() - side) / 2, (image.height() - side) / 2, side, side);
                List<Point> kp = new ArrayList<>();
                for (double[] f : KEYPOINTS) kp.add(new Point(box.x() + f[0] * side, box.y() + f[1] * side));
                return List.of(new Face(box, 1f, kp));
            }

            @Override
            public void close() {
            }
        };
    }
}
