package org.affect4j.faces;

import java.util.ArrayList;
import java.util.List;
import org.affect4j.data.RgbImage;

/**
 * Aligns a face to a {@link CropTemplate}: the least-squares similarity transform (rotation, uniform scale,
 * shift; {@link SimilarityTransform#estimate}) of its eyes, nose tip and mouth centre onto the template, then a
 * bilinear warp ({@link ImageWarp}); parts of the crop outside the frame are black. The ears are left out: they
 * are often hidden and BlazeFace then guesses them. Stateless, thread-safe.
 */
public final class FaceAligner {
    /** The keypoints fitted to the template, in template order. */
    public static final List<FaceKeypoint> ALIGNMENT_KEYPOINTS = List.of(FaceKeypoint.RIGHT_EYE,
            FaceKeypoint.LEFT_EYE, FaceKeypoint.NOSE_TIP, FaceKeypoint.MOUTH_CENTER);

    private final CropTemplate template;

    /** An aligner to {@link CropTemplate#AFF_WILD2_112}. */
    public FaceAligner() {
        this(CropTemplate.AFF_WILD2_112);
    }

    public FaceAligner(CropTemplate template) {
        this.template = template;
    }

    public CropTemplate template() {
        return template;
    }

    /** The transform taking frame pixels of {@code face} to crop pixels. */
    public SimilarityTransform transformFor(Face face) {
        List<Point> src = new ArrayList<>(ALIGNMENT_KEYPOINTS.size());
        for (FaceKeypoint k : ALIGNMENT_KEYPOINTS) src.add(face.keypoint(k));
        return SimilarityTransform.estimate(src, template.points());
    }

    /** The aligned crop of {@code face} in {@code image}. */
    public AlignedFace align(RgbImage image, Face face) {
        SimilarityTransform t = transformFor(face);
        return new AlignedFace(ImageWarp.warp(image, t.inverse(), template.size(), template.size()), t);
    }
}
