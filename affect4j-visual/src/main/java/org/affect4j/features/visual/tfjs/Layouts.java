package org.affect4j.features.visual.tfjs;

/**
 * Re-orders TensorFlow (channels-last) weights into ONNX (channels-first) order. TensorFlow convolution filters are
 * {@code [kh, kw, in, out]}, depthwise filters {@code [kh, kw, in, multiplier]}; ONNX wants {@code [out, in/group, kh,
 * kw]}. Activations are computed in NCHW inside the converted graphs, so per-channel constants become {@code [C,1,1]}.
 */
final class Layouts {
    private Layouts() {
    }

    /** {@code [kh, kw, in, out]} to {@code [out, in, kh, kw]}. */
    static float[] convFilter(float[] f, int[] s) {
        int kh = s[0], kw = s[1], in = s[2], out = s[3];
        float[] r = new float[f.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = f[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return r;
    }

    /**
     * {@code [kh, kw, in, m]} to {@code [in*m, 1, kh, kw]}: TensorFlow's depthwise output channel {@code c*m + j} is
     * ONNX group {@code c}'s output {@code j}, the same index, so a grouped Conv with {@code group = in} matches.
     */
    static float[] depthwiseFilter(float[] f, int[] s) {
        int kh = s[0], kw = s[1], in = s[2], m = s[3];
        float[] r = new float[f.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int c = 0; c < in; c++) {
                    for (int j = 0; j < m; j++) {
                        r[((c * m + j) * kh + y) * kw + x] = f[((y * kw + x) * in + c) * m + j];
                    }
                }
            }
        }
        return r;
    }

    /**
     * A constant that broadcasts against an NHWC tensor, rewritten to broadcast the same way against the NCHW
     * tensor: the shape is right-aligned to rank 4 (numpy rules) and its axes permuted to {@code [0, 3, 1, 2]}.
     * Scalars are returned unchanged.
     *
     * @return {@code [newShape, newValues]} as {@code long[]} and {@code float[]}
     */
    static Object[] nhwcConstToNchw(float[] v, int[] shape) {
        if (shape.length == 0 || v.length == 1) {
            return new Object[] {new long[0], v};
        }
        if (shape.length > 4) {
            throw new IllegalArgumentException("constant of rank " + shape.length + " cannot broadcast against NHWC");
        }
        int[] s = new int[4];
        java.util.Arrays.fill(s, 1);
        System.arraycopy(shape, 0, s, 4 - shape.length, shape.length);
        int n = s[0], h = s[1], w = s[2], c = s[3];
        float[] r = new float[v.length];
        for (int a = 0; a < n; a++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        r[((a * c + k) * h + y) * w + x] = v[((a * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        long[] dims = shape.length == 1 ? new long[] {c, 1, 1} : new long[] {n, c, h, w};
        return new Object[] {dims, r};
    }

    /** NHWC axis to NCHW axis (negative axes counted from the end of a rank-4 tensor). */
    static int nchwAxis(int nhwcAxis) {
        int a = nhwcAxis < 0 ? nhwcAxis + 4 : nhwcAxis;
        return switch (a) {
            case 0 -> 0;
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> throw new IllegalArgumentException("axis " + nhwcAxis + " is out of range for a rank-4 tensor");
        };
    }

    static long[] toLongs(int[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[i];
        }
        return r;
    }
}
