package org.affect4j.faces;

import java.util.List;

/**
 * Where the eyes, nose tip and mouth centre of an aligned face land in the square crop.
 *
 * <p>{@link #AFF_WILD2_112}: a 112x112 crop with the eyes 32 px apart on row 44, the nose tip on row 60.5 and the
 * mouth centre on row 76, centred horizontally. The vertical ratios are BlazeFace's own on frontal faces (nose tip
 * about 0.52 and mouth centre about 1.0 eye distances below the eyes, measured on CREMA-D), so a frontal face is
 * fitted without distortion. With this scale BlazeFace's face box (forehead to chin, about 2.3 eye distances)
 * spans roughly x 19..93 and y 24..98: the whole face centred with a 14-19 px margin, like the organisers'
 * {@code cropped_aligned} images, which show the whole face with some background. (ArcFace's 112x112 template puts
 * the eyes 35 px apart and crops the chin and forehead tighter.) Without Aff-Wild2 at hand the margin was chosen by
 * that description, not by fitting their crops; a user can pass another template.
 *
 * @param size      side of the square crop in pixels
 * @param rightEye  the person's right eye (image left)
 * @param leftEye   the person's left eye (image right)
 * @param noseTip   nose tip
 * @param mouth     mouth centre
 */
public record CropTemplate(int size, Point rightEye, Point leftEye, Point noseTip, Point mouth) {

    /** The default 112x112 template (see the class comment). */
    public static final CropTemplate AFF_WILD2_112 = new CropTemplate(112,
            new Point(40, 44), new Point(72, 44), new Point(56, 60.5), new Point(56, 76));

    public CropTemplate {
        if (size <= 0) throw new IllegalArgumentException("crop size must be positive, got " + size);
    }

    /** The same layout at another crop size (e.g. 224 for a network with that input). */
    public CropTemplate withSize(int newSize) {
        double f = (double) newSize / size;
        return new CropTemplate(newSize, scale(rightEye, f), scale(leftEye, f), scale(noseTip, f), scale(mouth, f));
    }

    /** The four template points in the order of {@link FaceAligner#ALIGNMENT_KEYPOINTS}. */
    public List<Point> points() {
        return List.of(rightEye, leftEye, noseTip, mouth);
    }

    private static Point scale(Point p, double f) {
        return new Point(p.x() * f, p.y() * f);
    }
}
