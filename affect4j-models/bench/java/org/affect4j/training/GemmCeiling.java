package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.affect4j.models.Precision;
import org.affect4j.models.TorchMatmul;

import java.util.Locale;

/**
 * How fast the paper-size Transformer could infer at most on this machine: the matrix products are ~95 % of its
 * FLOPs, so frames/s cannot exceed (matrix-product FLOP/s) / (FLOP per frame). Times DJL's libtorch FP32 matrix
 * product on the model's own shape (a batch of 8 segments of 128 frames times a 1024 x 1024 weight) and, as the
 * reference in the same run, Debian's PyTorch on the same shape and threads; prints the ceiling beside the frames/s
 * that issue 19's "inference 2x PyTorch" would need. Lower precision is no way out here: DJL 0.36's PyTorch engine
 * aborts the process on a cast to bfloat16 (so AMX is out of reach), and its float16 product ran slower than float32
 * (README "Speed"). Where a Transformer's float32 training hands its products to oneDNN (a CPU other than Intel's with
 * AVX-512, {@link TorchMatmul#oneDnnFloat32()}), that product is timed too.
 * <pre>affect4j-models/bench/run.sh org.affect4j.training.GemmCeiling [TORCH_INFER_FRAMES_PER_S]</pre>
 * The argument is PyTorch's inference rate from {@code Throughput 3 32 transformer} (run just before, same load).
 */
public final class GemmCeiling {
    static final int M = 8 * 128, K = 1024, N = 1024;

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        double flopPerFrame = 2 * macsPerFrame(512, 512, 1024, 1024, 4, 128, new int[] {512, 256}, 8);
        System.out.printf(Locale.ROOT, "paper-size Transformer: %.1f MFLOP per frame inferred%n", flopPerFrame / 1e6);
        try (NDManager m = NDManager.newBaseManager()) {
            // first: oneDNN takes the products only when set before the process's first one (TorchMatmul)
            TorchMatmul.use(Precision.FLOAT32);
            if (TorchMatmul.float32ThroughOneDnn()) {
                double g = gflops(m);
                System.out.printf(Locale.ROOT, "DJL libtorch float32 matrix product through oneDNN, as a float32"
                        + " run computes it here: %.1f GFLOP/s -> at most %.0f frames/s%n", g, g * 1e9 / flopPerFrame);
                TorchMatmul.use(Precision.FLOAT32, false);
            }
            double g = gflops(m);
            System.out.printf(Locale.ROOT, "DJL libtorch %s float32 matrix product %dx%dx%d: %.1f GFLOP/s -> at most %.0f frames/s%n",
                    Engine.getInstance().getVersion(), M, K, N, g, g * 1e9 / flopPerFrame);
        }
        double torch = torchGflops(threads);
        System.out.printf(Locale.ROOT, "reference: Debian PyTorch float32, same shape and threads (%d): %.1f GFLOP/s -> at most %.0f frames/s%n",
                threads, torch, torch * 1e9 / flopPerFrame);
        if (args.length > 0) {
            double need = 2 * Double.parseDouble(args[0]);
            System.out.printf(Locale.ROOT, "inference 2x PyTorch needs %.0f frames/s = %.1f GFLOP/s of matrix products%n",
                    need, need * flopPerFrame / 1e9);
        }
    }

    /** Multiply-adds per frame: fusion, projection to the width, per layer Q/K/V/output, feed-forward, attention, head. */
    static double macsPerFrame(int in, int fusion, int width, int ff, int layers, int segment, int[] head, int classes) {
        double macs = (double) in * fusion + (double) fusion * width;
        double layer = 4.0 * width * width + 2.0 * width * ff + 2.0 * segment * width;
        macs += layers * layer;
        int prev = width;
        for (int h : head) {
            macs += (double) prev * h;
            prev = h;
        }
        return macs + (double) prev * classes;
    }

    static double gflops(NDManager m) {
        NDArray x = m.randomNormal(new Shape(M, K));
        NDArray w = m.randomNormal(new Shape(K, N));
        for (int k = 0; k < 5; k++) x.matMul(w).close();
        double best = 0;
        for (int rep = 0; rep < 5; rep++) {
            int n = 40;
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) x.matMul(w).close();
            best = Math.max(best, 2.0 * M * K * N * n / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        return best;
    }

    static double torchGflops(int threads) throws Exception {
        String py = "import torch,time\ntorch.set_num_threads(" + threads + ")\n"
                + "x=torch.randn(" + M + "," + K + ");w=torch.randn(" + K + "," + N + ")\n"
                + "for _ in range(5): x@w\nbest=0\n"
                + "for _ in range(5):\n t=time.perf_counter()\n for _ in range(40): x@w\n"
                + " best=max(best,2.0*" + M + "*" + K + "*" + N + "*40/(time.perf_counter()-t)/1e9)\nprint(best)\n";
        return Double.parseDouble(TorchReference.lastLine("-c", py));
    }
}
