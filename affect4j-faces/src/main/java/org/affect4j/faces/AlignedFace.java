package org.affect4j.faces;

import org.affect4j.data.RgbImage;

/**
 * A face warped onto a {@link CropTemplate}.
 *
 * @param crop         the aligned square crop
 * @param imageToCrop  maps frame pixels to crop pixels (its inverse maps back)
 */
public record AlignedFace(RgbImage crop, SimilarityTransform imageToCrop) {
}
