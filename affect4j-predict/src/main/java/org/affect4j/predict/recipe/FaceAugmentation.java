package org.affect4j.predict.recipe;

import org.affect4j.data.RgbImage;
import org.affect4j.faces.ImageWarp;
import org.affect4j.faces.SimilarityTransform;
import org.affect4j.data.Images;

import java.util.SplittableRandom;

/**
 * Random changes to a training picture before it goes through the predict path (detect, align, embed), so the head
 * sees the spread the detector and the camera give at prediction time: a mirror image, a small rotation, a change of
 * scale and position of the face in the picture (the detector's key points, and so the aligned crop, move with
 * it), a slight blur, and a change of brightness and contrast. Applied to the picture, not to the aligned crop, so
 * detection itself is part of what varies. Pure function of the picture and the seed.
 *
 * @param maxRotationDegrees largest rotation either way
 * @param maxScale           largest relative change of scale either way (0.1: 0.9x to 1.1x)
 * @param maxShift           largest shift either way, as a fraction of the picture's side
 * @param blurProbability    chance of a 3x3 binomial blur
 * @param maxGain            largest relative change of contrast either way; brightness moves by up to 40x it
 * @param maxZoomIn          largest extra zoom into the picture's centre, drawn evenly from 0 to it, on top of the
 *                           scale change: the tighter framing of other corpora's face crops (0.4: up to 1.4x, the
 *                           centre 71 % of the picture); 0 draws nothing, so the variants stay those of before
 */
public record FaceAugmentation(double maxRotationDegrees, double maxScale, double maxShift, double blurProbability,
                               double maxGain, double maxZoomIn) {
    /** The recipe's default: ±10°, ±10 % scale, ±6 % shift, blur one time in three, ±20 % contrast, no extra zoom. */
    public static final FaceAugmentation DEFAULT = new FaceAugmentation(10, 0.1, 0.06, 1.0 / 3, 0.2, 0);

    /** One random variant of {@code im}: mirrored half of the time, then warped, maybe blurred, re-lit. */
    public RgbImage apply(RgbImage im, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RgbImage out = rng.nextBoolean() ? Images.mirror(im) : im;
        int w = out.width(), h = out.height();
        double theta = Math.toRadians(uniform(rng, maxRotationDegrees));
        double scale = 1 + uniform(rng, maxScale);
        if (maxZoomIn > 0) scale *= 1 + rng.nextDouble() * maxZoomIn;
        double dx = uniform(rng, maxShift) * w, dy = uniform(rng, maxShift) * h;
        // picture -> output: rotate and scale about the centre, then shift; the warp wants output -> picture
        double cx = w / 2.0, cy = h / 2.0;
        SimilarityTransform fwd = SimilarityTransform.of(scale, theta, 0, 0);
        SimilarityTransform t = new SimilarityTransform(fwd.a(), fwd.b(),
                cx + dx - fwd.applyX(cx, cy), cy + dy - fwd.applyY(cx, cy));
        out = ImageWarp.warp(out, t.inverse(), w, h);
        if (rng.nextDouble() < blurProbability) out = blur(out);
        double gain = 1 + uniform(rng, maxGain), offset = 40 * uniform(rng, maxGain);
        return relit(out, gain, offset);
    }

    private static double uniform(SplittableRandom rng, double max) {
        return max == 0 ? 0 : (2 * rng.nextDouble() - 1) * max;
    }

    /** 3x3 binomial blur ([1 2 1] in both directions), edges clamped. */
    static RgbImage blur(RgbImage im) {
        int w = im.width(), h = im.height();
        byte[] in = im.rgb(), out = new byte[in.length];
        int[] k = {1, 2, 1};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = 0;
                    for (int j = -1; j <= 1; j++) {
                        int yy = Math.min(h - 1, Math.max(0, y + j));
                        for (int i = -1; i <= 1; i++) {
                            int xx = Math.min(w - 1, Math.max(0, x + i));
                            s += k[j + 1] * k[i + 1] * (in[(yy * w + xx) * 3 + c] & 0xff);
                        }
                    }
                    out[(y * w + x) * 3 + c] = (byte) ((s + 8) / 16);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static RgbImage relit(RgbImage im, double gain, double offset) {
        byte[] in = im.rgb(), out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = ((in[i] & 0xff) - 128) * gain + 128 + offset;
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return new RgbImage(im.width(), im.height(), out);
    }
}
