package org.affect4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.SplittableRandom;

/**
 * Dropout whose mask is drawn in Java: each element kept with probability {@code 1 - rate} and scaled by
 * {@code 1 / (1 - rate)}, as PyTorch's dropout does, in one multiplication. libtorch draws its dropout masks with
 * one serial generator (~12 ns an element here): a paper-size Transformer step draws ~28 M of them, ~0.4 CPU-s of a
 * 1.2 s step in bfloat16 (StepProfile with dropout 0.3 and 0). Here 16 random bits decide an element (keep when
 * they are at least {@code round(rate * 65536)}: the rate to 1e-5), four elements a draw of a
 * {@link SplittableRandom} that belongs to the training thread and is seeded with the run ({@link #seed}), so a run
 * reproduces bit for bit. Saved and loaded as DJL's own {@code Dropout} (no parameters, the same version), so the
 * checkpoints of networks built with it and with DJL's read alike.
 */
public final class MaskDropout extends AbstractBlock {
    /** DJL's {@code Dropout} version: its checkpoints carry this byte and the input shapes. */
    private static final byte VERSION = 2;
    private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal.withInitial(() -> new SplittableRandom(0));
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(0));

    /**
     * With the engine's kernels pinned ({@link NumericPath#isPinned()}) masks come from libtorch's generator as DJL's
     * {@code Dropout} draws them: pinned runs must repeat the runs made before the masks moved to Java bit for bit
     * (the default model's shipped voice members among them).
     */
    private static volatile boolean engineMasks = NumericPath.isPinned();

    private final float rate;

    /** @param rate the chance of dropping an element, in [0, 1) */
    public MaskDropout(float rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    /** Whether masks come from libtorch's generator (pinned runs) rather than from Java's. */
    static boolean engineMasks() {
        return engineMasks;
    }

    /** Sets where masks come from for this process (tests of both ways; pinned or not decides otherwise). */
    static void useEngineMasks(boolean engine) {
        engineMasks = engine;
    }

    /** Seeds the masks of every network trained on this thread from now on (a run's seed: the same masks again). */
    public static void seed(long seed) {
        RANDOM.set(new SplittableRandom(seed));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || rate == 0) return new NDList(x);
        if (engineMasks) return Dropout.dropout(x, rate, true);
        return new NDList(x.mul(mask(x.getManager(), x.getShape())));
    }

    /** A mask of {@code 0} and {@code 1 / (1 - rate)} values. */
    private NDArray mask(NDManager manager, Shape shape) {
        int n = Math.toIntExact(shape.size());
        ByteBuffer bytes = BUFFER.get();
        if (bytes.capacity() < 4 * n) {
            bytes = ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder());
            BUFFER.set(bytes);
        }
        IntBuffer f = bytes.clear().limit(4 * n).asIntBuffer();
        int threshold = Math.round(rate * 65536f);
        int keep = Float.floatToRawIntBits(1f / (1f - rate));
        SplittableRandom random = RANDOM.get();
        int i = 0;
        // branch-free: (bits - threshold) >> 31 is all ones exactly when the element drops (a compare and branch per
        // element mispredicted ~30 % of the time and took 3.4x as long: 7.6 against 2.2 ms per 2 M elements)
        for (; i + 4 <= n; i += 4) {
            long r = random.nextLong();
            f.put(i, keep & ~(((int) (r & 0xffff) - threshold) >> 31));
            f.put(i + 1, keep & ~(((int) ((r >>> 16) & 0xffff) - threshold) >> 31));
            f.put(i + 2, keep & ~(((int) ((r >>> 32) & 0xffff) - threshold) >> 31));
            f.put(i + 3, keep & ~(((int) (r >>> 48) - threshold) >> 31));
        }
        for (long r = random.nextLong(); i < n; i++, r >>>= 16) f.put(i, keep & ~(((int) (r & 0xffff) - threshold) >> 31));
        // copied into a tensor of the engine's own: a tensor made from a direct buffer (create, set) keeps reading it,
        // and the next mask of this thread overwrites it while this one still waits for the backward pass
        try (NDArray view = manager.create(bytes.limit(4 * n), shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
