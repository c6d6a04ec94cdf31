package org.affect4j.training;

import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.data.FeatureLayout;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The input masks drawn per training segment: whole features zeroed with a probability (the ABAW winners'
 * augmentation) and SpecAugment's time and frequency masks (Park et al. 2019), here spans of steps and bands of
 * columns of the fused row. Inputs are standardised, so zero is the feature's mean. Nothing is drawn when a mask is
 * off, so a run without masks takes the same random numbers as before masks existed.
 *
 * @param layout          the fused row's features, for whole-feature masks
 * @param featureChance   chance of zeroing one feature of one segment
 * @param timeMasks       time spans zeroed per segment
 * @param timeMaskSteps   longest span, in steps
 * @param columnMasks     column bands zeroed per segment
 * @param columnMaskWidth widest band, in columns
 */
record Masking(FeatureLayout layout, double featureChance, int timeMasks, int timeMaskSteps, int columnMasks,
               int columnMaskWidth) {
    /** No masking. */
    static final Masking NONE = new Masking(null, 0, 0, 0, 0, 0);

    /** The masks a training section asks for. */
    static Masking of(ExperimentConfig.Optimisation opt, FeatureLayout layout) {
        return new Masking(layout, opt.featureMaskProbability(), opt.timeMasks(), opt.timeMaskSteps(),
                opt.columnMasks(), opt.columnMaskWidth());
    }

    /**
     * Masks one segment in place.
     *
     * @param x      the batch's inputs
     * @param offset where the segment's first row starts in {@code x}
     * @param n      the segment's real rows
     * @param dim    values per row
     */
    void apply(float[] x, int offset, int n, int dim, SplittableRandom rng) {
        if (layout != null && featureChance > 0) {
            for (int f = 0; f < layout.names().size(); f++) {
                if (rng.nextDouble() >= featureChance) continue;
                zeroColumns(x, offset, n, dim, layout.offset(f), layout.dims().get(f));
            }
        }
        if (timeMaskSteps > 0 && n > 0) {
            for (int k = 0; k < timeMasks; k++) {
                int w = Math.min(rng.nextInt(timeMaskSteps + 1), n);
                int t0 = rng.nextInt(n - w + 1);
                Arrays.fill(x, offset + t0 * dim, offset + (t0 + w) * dim, 0f);
            }
        }
        if (columnMaskWidth > 0) {
            for (int k = 0; k < columnMasks; k++) {
                int w = Math.min(rng.nextInt(columnMaskWidth + 1), dim);
                zeroColumns(x, offset, n, dim, rng.nextInt(dim - w + 1), w);
            }
        }
    }

    private static void zeroColumns(float[] x, int offset, int n, int dim, int from, int width) {
        for (int t = 0; t < n; t++) Arrays.fill(x, offset + t * dim + from, offset + t * dim + from + width, 0f);
    }
}
