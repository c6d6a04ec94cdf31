package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Function;
import org.affect4j.models.LibTorch;
import org.affect4j.models.NumericPath;
import org.affect4j.runs.OptimiserState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with L2 weight decay added to the gradient (as PyTorch's {@code Adam(weight_decay)}),
 * or decoupled from it (AdamW),
 * and clipping of the global gradient norm over all parameters (as {@code clip_grad_norm_}; DJL's own
 * {@code optClipGrad} clips element-wise). Unlike DJL's {@code Adam}, the moment estimates are owned here, so they
 * are saved with a checkpoint and a resumed run continues exactly.
 *
 * <p>The update itself is libtorch's fused Adam kernel over all parameters in one call (DJL's update where it
 * cannot be called), then the gradients are zeroed. Moments live on the manager given at construction; temporaries
 * of a step live on a sub-manager closed at the end of the step. Not thread-safe.
 *
 * <p>The plain-array Adam of the default model's perceptron ({@code org.affect4j.linear.AdamW} in
 * {@code affect4j-core}) says why the two do not share code: this class writes no update of its own.
 */
public final class AdamOptimiser implements OptimiserState {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final List<Parameter> params;
    private final float weightDecay;
    private final boolean decoupled;
    private final NDManager manager;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private long steps;
    private boolean fused = !NumericPath.isPinned();

    AdamOptimiser(List<Parameter> params, float weightDecay, NDManager manager) {
        this(params, weightDecay, false, manager);
    }

    /**
     * @param decoupled true: AdamW (Loshchilov and Hutter 2019, as PyTorch's {@code AdamW}): the weights shrink by
     *                  {@code learningRate * weightDecay} apart from the gradient step; false: L2 decay added to the
     *                  gradient (as {@code Adam(weight_decay)})
     */
    public AdamOptimiser(List<Parameter> params, float weightDecay, boolean decoupled, NDManager manager) {
        this.params = List.copyOf(params);
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.manager = manager;
        for (Parameter p : this.params) {
            means.add(manager.zeros(p.getArray().getShape()));
            variances.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** libtorch's fused Adam and AdamW on CPU, looked up once the engine (and so its library) is loaded. */
    private static final class Kernels {
        /** Why they cannot be called here (null: they can). */
        static String unfused;
        /** {@code at::cpu::_fused_adam_} and {@code _fused_adamw_}, or null. */
        static final Function[] FUSED = lookUp();

        private static Function[] lookUp() {
            String args = "EN3c108ArrayRefINS_6TensorEEES4_S4_S4_S4_S4_dddddbbRKSt8optionalIS3_ES8_";
            try {
                return new Function[] {LibTorch.function("_ZN2at3cpu12_fused_adam_" + args),
                        LibTorch.function("_ZN2at3cpu13_fused_adamw_" + args)};
            } catch (IllegalStateException e) {
                unfused = e.getMessage();
                return null;
            }
        }
    }

    /** Null when steps run libtorch's fused kernel; else why they run DJL's update (the same formula, ~3x slower). */
    static String unfused() {
        return Kernels.FUSED == null ? Kernels.unfused : null;
    }

    /** Steps run the fused kernel (where it can be called) or DJL's update, pinned or not (tests of both). */
    AdamOptimiser withFusedKernel(boolean on) {
        fused = on;
        return this;
    }

    /** Updates taken so far. */
    long steps() {
        return steps;
    }

    /**
     * One update from the gradients accumulated by the last backward pass, then zeroes them.
     *
     * @param learningRate step size
     * @param clipNorm     scale all gradients down so their global L2 norm is at most this (0 = no clipping)
     * @return the global gradient norm before clipping (NaN or infinite when the loss diverged: nothing is updated)
     */
    public double step(float learningRate, float clipNorm) {
        try (NDManager sub = manager.newSubManager()) {
            return fused && Kernels.FUSED != null ? fusedStep(sub, learningRate, clipNorm) : engineStep(sub, learningRate, clipNorm);
        }
    }

    /**
     * libtorch's own fused Adam ({@code torch.optim.Adam(fused=True)}): one vectorised pass over weight, gradient and
     * moments, against a dozen passes and five temporary copies in DJL's update (47 against 147 ms a step for the
     * paper-size Transformer's 26.7 M weights, norm included). Gradients are zeroed after.
     */
    private double fusedStep(NDManager sub, float learningRate, float clipNorm) {
        List<NDArray> weights = new ArrayList<>(params.size());
        List<NDArray> grads = new ArrayList<>(params.size());
        double squares = 0;
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            g.attach(sub);
            weights.add(p.getArray());
            grads.add(g);
            double n = g.norm().getFloat(); // one pass, no squared copy
            squares += n * n;
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) return norm;
        float scale = clipScale(norm, clipNorm);
        steps++;
        NDArray step = sub.create(new float[] {steps});
        NDArray unscale = scale == 1f ? null : sub.create(new float[] {1f / scale}); // the kernel divides by it
        // DJL's update adds epsilon to sqrt(v) before the bias correction, the kernel after: scaled to match
        double epsilon = EPSILON / Math.sqrt(1 - Math.pow(BETA2, steps));
        Kernels.FUSED[decoupled ? 1 : 0].invokeVoid(new Object[] {new LibTorch.TensorList(weights),
                new LibTorch.TensorList(grads), new LibTorch.TensorList(means), new LibTorch.TensorList(variances),
                new LibTorch.TensorList(List.of()), new LibTorch.TensorList(Collections.nCopies(weights.size(), step)),
                (double) learningRate, (double) BETA1, (double) BETA2, (double) weightDecay, epsilon, false, false,
                LibTorch.optional(unscale), LibTorch.optional(null)});
        for (NDArray w : weights) JniUtils.zeroGrad((PtNDArray) w);
        step.close(); // the kernel read these tensors: open until here
        if (unscale != null) unscale.close();
        return norm;
    }

    /**
     * DJL's update, one engine call per parameter: where the fused kernel cannot be called, and for runs with the
     * engine's kernels pinned ({@link NumericPath#isPinned()}), whose parameters must come out as they did before
     * the fused kernel, bit for bit (the default model's shipped voice members were trained this way).
     */
    private double engineStep(NDManager sub, float learningRate, float clipNorm) {
        List<NDArray> grads = new ArrayList<>(params.size());
        NDList squares = new NDList();
        for (Parameter p : params) {
            NDArray w = p.getArray();
            w.tempAttach(sub);
            NDArray g = w.getGradient();
            grads.add(g);
            squares.add(g.square().sum());
        }
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        if (!Double.isFinite(norm)) return norm;
        float scale = clipScale(norm, clipNorm);
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(c2) / c1);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray m = means.get(i);
            NDArray v = variances.get(i);
            m.tempAttach(sub);
            v.tempAttach(sub);
            w.getNDArrayInternal().adamUpdate(new NDList(w, grads.get(i), m, v), new NDList(w), learningRate,
                    corrected, weightDecay, scale, -1f, BETA1, BETA2, EPSILON, true, decoupled);
        }
        return norm;
    }

    private static float clipScale(double norm, float clipNorm) {
        return clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / (norm + 1e-6)) : 1f;
    }

    /** Writes the step count and the moments (in parameter order). */
    @Override
    public void save(OutputStream out) throws IOException {
        NDList all = new NDList();
        all.add(manager.create(new long[] {steps}));
        all.addAll(means);
        all.addAll(variances);
        out.write(all.encode());
    }

    /** Restores what {@link #save} wrote; the shapes must match this model's parameters. */
    @Override
    public void load(InputStream in) {
        NDList all = NDList.decode(manager, in);
        if (all.size() != 1 + 2 * params.size()) {
            throw new IllegalArgumentException("optimiser state holds " + all.size() + " arrays, expected " + (1 + 2 * params.size()));
        }
        steps = all.get(0).toLongArray()[0];
        for (int i = 0; i < params.size(); i++) {
            copyInto(means.get(i), all.get(1 + i));
            copyInto(variances.get(i), all.get(1 + params.size() + i));
        }
        all.close();
    }

    private static void copyInto(NDArray target, NDArray src) {
        if (!target.getShape().equals(src.getShape())) {
            throw new IllegalArgumentException("optimiser state shape " + src.getShape() + " does not match " + target.getShape());
        }
        target.set(src.toFloatArray());
    }
}
