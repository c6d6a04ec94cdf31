package org.affect4j.faces;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.affect4j.data.RgbImage;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The OpenCV Haar cascade {@code haarcascade_frontalface_alt.xml} (shipped inside the OpenCV jar), a fallback for
 * when BlazeFace is not wanted. Frontal faces only, slower than BlazeFace at video resolutions, and without
 * keypoints or a calibrated score.
 *
 * <p>Keypoints are therefore estimated from the box: the eyes at (0.31, 0.41) and (0.69, 0.41) of the box width
 * and height, the nose tip at (0.50, 0.60), the mouth centre at (0.50, 0.79), the ear tragions at (0.09, 0.52) and
 * (0.91, 0.52). These are the mean BlazeFace keypoints relative to this cascade's boxes over the 379 frames of the
 * six CREMA-D clips (frontal faces), made left-right symmetric, so alignment of a Haar face assumes an upright frontal face; a tilted head yields an upright,
 * not a rotated, crop. The score is always 1.
 *
 * <p>Not thread-safe for concurrent calls on one instance ({@link #detect} is synchronised); use one per thread
 * for parallel detection. Close it to free the native classifier.
 */
public final class HaarFaceDetector implements FaceDetector {
    /** The cascade file inside the OpenCV jar. */
    public static final String CASCADE = "haarcascade_frontalface_alt.xml";
    // keypoint positions as fractions of the box, in FaceKeypoint order (see class comment)
    private static final double[][] KEYPOINT_FRACTIONS = {
        {0.31, 0.41}, {0.69, 0.41}, {0.50, 0.60}, {0.50, 0.79}, {0.09, 0.52}, {0.91, 0.52}};

    private final CascadeClassifier classifier;
    private final double minFaceFraction;

    /**
     * @param minFaceFraction smallest face searched, as a fraction of the shorter image side (e.g. 0.1); smaller
     *                        values find smaller faces and cost more time
     */
    public HaarFaceDetector(double minFaceFraction) {
        if (!(minFaceFraction > 0 && minFaceFraction <= 1)) {
            throw new IllegalArgumentException("minimum face fraction must be in (0, 1], got " + minFaceFraction);
        }
        this.minFaceFraction = minFaceFraction;
        File file;
        try {
            file = Loader.cacheResource("/org/bytedeco/opencv/" + Loader.getPlatform()
                    + "/share/opencv4/haarcascades/" + CASCADE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + CASCADE + " from the OpenCV jar: " + e.getMessage(), e);
        }
        if (file == null) {
            throw new IllegalStateException(CASCADE + " is not in the OpenCV jar for platform " + Loader.getPlatform());
        }
        classifier = new CascadeClassifier(file.getAbsolutePath());
        if (classifier.empty()) {
            classifier.close();
            throw new IllegalStateException("OpenCV could not load the cascade " + file);
        }
    }

    /** A detector for faces at least a tenth of the shorter image side. */
    public HaarFaceDetector() {
        this(0.1);
    }

    @Override
    public synchronized List<Face> detect(RgbImage image) {
        int w = image.width(), h = image.height();
        byte[] grey = new byte[w * h];
        byte[] rgb = image.rgb();
        for (int i = 0; i < grey.length; i++) {
            // ITU-R BT.601 luma, as cv::cvtColor(RGB2GRAY)
            int v = (299 * (rgb[3 * i] & 0xff) + 587 * (rgb[3 * i + 1] & 0xff) + 114 * (rgb[3 * i + 2] & 0xff) + 500) / 1000;
            grey[i] = (byte) v;
        }
        int minSide = Math.max(20, (int) (Math.min(w, h) * minFaceFraction));
        List<Face> faces = new ArrayList<>();
        try (Mat m = new Mat(h, w, CV_8UC1); RectVector rects = new RectVector();
             Size min = new Size(minSide, minSide); Size max = new Size()) {
            m.data().put(grey);
            equalizeHist(m, m);
            classifier.detectMultiScale(m, rects, 1.1, 3, 0, min, max);
            for (long i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                faces.add(fromBox(new BoundingBox(r.x(), r.y(), r.width(), r.height())));
            }
        }
        faces.sort(Comparator.comparingDouble((Face f) -> f.box().area()).reversed());
        return faces;
    }

    /** A face for a Haar box, keypoints estimated from the box proportions (see the class comment). */
    static Face fromBox(BoundingBox b) {
        List<Point> kp = new ArrayList<>(KEYPOINT_FRACTIONS.length);
        for (double[] f : KEYPOINT_FRACTIONS) kp.add(new Point(b.x() + f[0] * b.width(), b.y() + f[1] * b.height()));
        return new Face(b, 1f, kp);
    }

    @Override
    public synchronized void close() {
        classifier.close();
    }
}
