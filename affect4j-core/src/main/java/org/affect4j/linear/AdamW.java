package org.affect4j.linear;

/**
 * AdamW (Loshchilov and Hutter 2019: Adam with decoupled weight decay; betas 0.9 and 0.999, epsilon 1e-8) on plain
 * float arrays, with its moments: the only Adam update written in affect4j.
 *
 * <p>The other optimiser, {@code org.affect4j.training.AdamOptimiser} in {@code affect4j-models}, computes no update
 * itself: it owns the moments as engine tensors (saved with each checkpoint, so a resumed run continues exactly) and
 * calls the engine's fused Adam kernel. The two cannot share code: this one must run where there is no DJL or
 * PyTorch ({@code affect4j-core} depends on nothing but Jackson, and the default model's perceptron is trained by the
 * recipe in plain Java), and copying tensors into arrays every step would slow the temporal models' training down.
 * Their arithmetic differs as well (decoupled decay here; L2 decay added to the gradient and global-norm clipping,
 * as PyTorch's {@code Adam} and {@code clip_grad_norm_}, there), so merging them would change either the shipped
 * default model's bits or the checkpoints of existing runs. Not thread-safe.
 */
final class AdamW {
    private final float[] m1;
    private final float[] m2;

    /** Moments for {@code size} parameters, zero. */
    AdamW(int size) {
        m1 = new float[size];
        m2 = new float[size];
    }

    /**
     * One update of every parameter from its gradient.
     *
     * @param p  parameters, updated in place
     * @param g  their gradients
     * @param t  the step, from 1 (bias correction)
     * @param lr step size
     * @param wd decoupled weight decay, relative to the step size
     */
    void step(float[] p, float[] g, int t, double lr, double wd) {
        double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t);
        for (int j = 0; j < p.length; j++) {
            m1[j] = 0.9f * m1[j] + 0.1f * g[j];
            m2[j] = 0.999f * m2[j] + 0.001f * g[j] * g[j];
            double upd = (m1[j] / c1) / (Math.sqrt(m2[j] / c2) + 1e-8);
            p[j] = (float) (p[j] - lr * (upd + wd * p[j]));
        }
    }
}
