package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import org.affect4j.models.Scalars;

/**
 * The R-Drop objective of METHOD §4 over annotated frames only:
 * <pre>
 * loss = 0.5 (CE(P1, y) + CE(P2, y)) + alpha * 0.5 (KL(P1 || P2) + KL(P2 || P1))
 * </pre>
 * where P1, P2 are the logits of two forward passes with different dropout masks, {@code KL(P||Q) = sum_c p_c
 * (log p_c - log q_c)} with p, q the softmax of P, Q, and both terms are averaged over frames whose label is not
 * {@code -1} (padding and unannotated frames carry -1). Averaging per frame (the reference R-Drop code sums) keeps
 * alpha independent of batch and segment size. With {@code alpha = 0} and no second pass it is plain
 * cross-entropy.
 *
 * <p>Options: class weights {@code w} (each frame's CE is multiplied by {@code w[y]} and the CE average becomes
 * {@code sum w[y] CE / sum w[y]}, as PyTorch's weighted {@code cross_entropy}; the KL term is not weighted), and
 * label smoothing {@code eps} (target {@code (1 - eps) onehot(y) + eps / C}, as PyTorch's), and a per-segment loss
 * ({@code pooled}): each segment's logits are averaged over its annotated frames and scored against the mean of their
 * one-hot labels, so a segment counts once, as one utterance (the KL term then compares the pooled distributions).
 * Immutable.
 */
public final class RDropLoss {
    private final float alpha;
    private final float[] classWeights;
    private final float smoothing;
    private final boolean pooled;

    /**
     * Per-frame loss.
     *
     * @param alpha        weight of the symmetric KL term (paper: 5)
     * @param classWeights per-class weights, or null for none
     * @param smoothing    label smoothing in [0, 1)
     */
    public RDropLoss(float alpha, float[] classWeights, float smoothing) {
        this(alpha, classWeights, smoothing, false);
    }

    /**
     * @param alpha        weight of the symmetric KL term (paper: 5)
     * @param classWeights per-class weights, or null for none
     * @param smoothing    label smoothing in [0, 1)
     * @param pooled       one loss term per segment (its annotated frames' mean logits) instead of per frame
     */
    public RDropLoss(float alpha, float[] classWeights, float smoothing, boolean pooled) {
        if (alpha < 0 || !Float.isFinite(alpha)) throw new IllegalArgumentException("R-Drop alpha must be >= 0, got " + alpha);
        if (smoothing < 0 || smoothing >= 1) throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        this.alpha = alpha;
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.smoothing = smoothing;
        this.pooled = pooled;
    }

    /** True when the objective needs two forward passes. */
    public boolean twoPasses() {
        return alpha > 0;
    }

    /**
     * The scalar loss.
     *
     * @param logits1 first pass {@code [B, T, C]}
     * @param logits2 second pass {@code [B, T, C]}, ignored (may be null) when {@link #twoPasses()} is false
     * @param labels  {@code [B, T]} int32, -1 for frames that do not count
     * @return a scalar; 0 when no frame counts
     */
    public NDArray compute(NDArray logits1, NDArray logits2, NDArray labels) {
        int classes = (int) logits1.getShape().getLastDimension();
        NDArray keep = labels.gte(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        NDArray target = labels.maximum(0).oneHot(classes);
        if (pooled) {
            // [B, T, C] -> [B, 1, C]: the mean over each segment's annotated frames; a segment without any drops out
            NDArray count = keep.sum(new int[] {1}, true);
            NDArray denom = count.maximum(1e-12f).expandDims(-1);
            NDArray w = keep.expandDims(-1);
            logits1 = logits1.mul(w).sum(new int[] {1}, true).div(denom);
            if (logits2 != null) logits2 = logits2.mul(w).sum(new int[] {1}, true).div(denom);
            target = target.mul(w).sum(new int[] {1}, true).div(denom);
            keep = count.gt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        }
        NDArray frameWeight = keep;
        if (classWeights != null) {
            frameWeight = target.mul(logits1.getManager().create(classWeights)).sum(new int[] {-1}).mul(keep);
        }
        if (smoothing > 0) {
            target = target.mul(1f - smoothing).add(smoothing / classes);
        }
        // max(sum, tiny) keeps an all-padding batch at 0 instead of 0/0
        NDArray ceNorm = frameWeight.sum().maximum(1e-12f);
        NDArray lp1 = logits1.logSoftmax(-1);
        NDArray ce = crossEntropy(lp1, target, frameWeight).div(ceNorm);
        if (!twoPasses()) {
            return ce;
        }
        NDArray lp2 = logits2.logSoftmax(-1);
        ce = Scalars.times(ce.add(crossEntropy(lp2, target, frameWeight).div(ceNorm)), 0.5f);
        NDArray diff = lp1.sub(lp2);
        // KL(P1||P2) + KL(P2||P1) = sum_c (p1 - p2)(log p1 - log p2), per frame
        NDArray symKl = lp1.exp().sub(lp2.exp()).mul(diff).sum(new int[] {-1});
        NDArray kl = symKl.mul(keep).sum().div(keep.sum().maximum(1e-12f));
        return ce.add(Scalars.times(kl, alpha * 0.5f));
    }

    private static NDArray crossEntropy(NDArray logProbs, NDArray target, NDArray frameWeight) {
        return logProbs.mul(target).sum(new int[] {-1}).neg().mul(frameWeight).sum();
    }
}
