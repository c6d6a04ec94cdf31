package org.affect4j.features.visual;

import org.affect4j.data.RgbImage;

/**
 * Turns RGB face crops into a model's input tensor: bilinear resize to the input size (see
 * {@link OnnxImageConfig.Resize}), channel order, normalisation and layout. Stateless apart from the config; the
 * pre-processing half of an extractor, kept apart from inference as DJL's {@code Translator} does.
 */
public final class ImagePreprocessor {
    private final OnnxImageConfig cfg;

    /** @param cfg the input description */
    public ImagePreprocessor(OnnxImageConfig cfg) {
        this.cfg = cfg;
    }

    /** Number of floats one image takes. */
    public int imageSize() {
        return cfg.width() * cfg.height() * cfg.channels();
    }

    /**
     * Writes image {@code img} into {@code dst} at offset {@code off} ({@link #imageSize()} floats).
     *
     * @throws IllegalArgumentException if the image is null
     */
    public void write(RgbImage img, float[] dst, int off) {
        if (img == null) {
            throw new IllegalArgumentException("face image is null");
        }
        if (cfg.region() != null) img = region(img, cfg.region());
        int w = cfg.width(), h = cfg.height(), ch = cfg.channels();
        int[] x0 = new int[w], x1 = new int[w];
        double[] fx = new double[w];
        axis(img.width(), w, x0, x1, fx);
        int[] y0 = new int[h], y1 = new int[h];
        double[] fy = new double[h];
        axis(img.height(), h, y0, y1, fy);
        byte[] src = img.rgb();
        int row = img.width() * 3;
        float[] mean = cfg.mean(), std = cfg.std();
        float scale = cfg.scale();
        boolean grey = cfg.colour() == OnnxImageConfig.Colour.GREY, bgr = cfg.colour() == OnnxImageConfig.Colour.BGR;
        // where channel c of a pixel goes, relative to the pixel's first value: interleaved or planar
        boolean nhwc = cfg.layout() == OnnxImageConfig.Layout.NHWC;
        int pixelStep = nhwc ? ch : 1;
        int c1 = nhwc ? 1 : w * h, c2 = 2 * c1;
        float m0 = mean[0], d0 = std[0], m1 = grey ? 0 : mean[1], d1 = grey ? 1 : std[1], m2 = grey ? 0 : mean[2], d2 = grey ? 1 : std[2];
        // at the input's own size every sample sits on a pixel (weights 0): the value itself, exactly what the
        // interpolation gives, without its arithmetic (faceapi-expr and mobilefacenet read the 112x112 crops as they are)
        boolean same = img.width() == w && img.height() == h;
        // resizing: each output row is the lerp along y of two source rows already lerped along x; those rows are
        // lerped once each (kept while consecutive output rows read them), not once per output row reading them:
        // the same arithmetic, in the same order, as tfjs' cpu resizeBilinear (x first, then y), so the same values
        double[] top = same ? null : new double[w * 3], bottom = same ? null : new double[w * 3];
        double[] line = new double[w * 3]; // one output row's samples, 3 channels interleaved
        int topRow = -1, bottomRow = -1;
        // scale 1, mean 0, std 1 (faceres): the sample itself, as the formula gives it exactly
        boolean identity = !grey && scale == 1f && m0 == 0f && m1 == 0f && m2 == 0f && d0 == 1f && d1 == 1f && d2 == 1f;
        // the choices above are made once per row, not per pixel and channel: the launcher's C1 JIT does not hoist
        // them (the same arithmetic, value for value, as the per-channel loop this replaced)
        for (int y = 0; y < h; y++) {
            double[] v = line;
            if (same) {
                int r0 = y0[y] * row;
                for (int x = 0, k = 0; x < w; x++, k += 3) {
                    int a = r0 + x0[x] * 3;
                    line[k] = src[a] & 0xff;
                    line[k + 1] = src[a + 1] & 0xff;
                    line[k + 2] = src[a + 2] & 0xff;
                }
            } else {
                if (y0[y] != topRow) {
                    if (y0[y] == bottomRow) { // the row below becomes the row above: swap instead of recomputing
                        double[] t = top;
                        top = bottom;
                        bottom = t;
                        bottomRow = -1;
                    } else {
                        lerpRow(src, y0[y] * row, x0, x1, fx, top);
                    }
                    topRow = y0[y];
                }
                if (y1[y] != bottomRow) {
                    lerpRow(src, y1[y] * row, x0, x1, fx, bottom);
                    bottomRow = y1[y];
                }
                double wy = fy[y];
                if (wy == 0) {
                    v = top; // top + (bottom - top) * 0 is top itself (the samples are finite and not negative)
                } else if (identity && nhwc && !bgr) { // straight into the tensor: one pass less
                    int o = off + y * w * 3;
                    for (int k = 0; k < line.length; k++) dst[o + k] = (float) (top[k] + (bottom[k] - top[k]) * wy);
                    continue;
                } else {
                    for (int k = 0; k < line.length; k++) line[k] = top[k] + (bottom[k] - top[k]) * wy;
                }
            }
            int o = off + y * w * pixelStep;
            if (grey) {
                for (int x = 0, k = 0; x < w; x++, k += 3, o += pixelStep) {
                    double g = 0.299 * v[k] + 0.587 * v[k + 1] + 0.114 * v[k + 2];
                    dst[o] = ((float) g * scale - m0) / d0;
                }
            } else if (identity && nhwc && !bgr) {
                for (int k = 0; k < v.length; k++) dst[o + k] = (float) v[k];
            } else if (nhwc && !bgr) {
                for (int k = 0; k < v.length; k += 3, o += 3) {
                    dst[o] = ((float) v[k] * scale - m0) / d0;
                    dst[o + 1] = ((float) v[k + 1] * scale - m1) / d1;
                    dst[o + 2] = ((float) v[k + 2] * scale - m2) / d2;
                }
            } else {
                for (int x = 0, k = 0; x < w; x++, k += 3, o += pixelStep) {
                    dst[o] = ((float) (bgr ? v[k + 2] : v[k]) * scale - m0) / d0;
                    dst[o + c1] = ((float) v[k + 1] * scale - m1) / d1;
                    dst[o + c2] = ((float) (bgr ? v[k] : v[k + 2]) * scale - m2) / d2;
                }
            }
        }
    }

    /** One source row (starting at byte {@code r}) lerped along x at every output column, 3 channels interleaved. */
    private static void lerpRow(byte[] src, int r, int[] x0, int[] x1, double[] fx, double[] out) {
        for (int x = 0, k = 0; x < fx.length; x++, k += 3) {
            int a = r + x0[x] * 3;
            double wx = fx[x];
            if (wx == 0) { // l + (r - l) * 0 is l itself
                out[k] = src[a] & 0xff;
                out[k + 1] = src[a + 1] & 0xff;
                out[k + 2] = src[a + 2] & 0xff;
                continue;
            }
            int b = r + x1[x] * 3;
            double l0 = src[a] & 0xff, l1 = src[a + 1] & 0xff, l2 = src[a + 2] & 0xff;
            out[k] = l0 + ((src[b] & 0xff) - l0) * wx;
            out[k + 1] = l1 + ((src[b + 1] & 0xff) - l1) * wx;
            out[k + 2] = l2 + ((src[b + 2] & 0xff) - l2) * wx;
        }
    }

    /** The square {@code [left, top, side]} (fractions of the image's width and height) of {@code img}. */
    static RgbImage region(RgbImage img, float[] r) {
        int x0 = Math.round(r[0] * img.width()), y0 = Math.round(r[1] * img.height());
        int w = Math.min(img.width() - x0, Math.max(1, Math.round(r[2] * img.width())));
        int h = Math.min(img.height() - y0, Math.max(1, Math.round(r[2] * img.height())));
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) System.arraycopy(img.rgb(), ((y0 + y) * img.width() + x0) * 3, out, y * w * 3, w * 3);
        return new RgbImage(w, h, out);
    }

    /** Source indices and weights along one axis. */
    private void axis(int in, int out, int[] lo, int[] hi, double[] frac) {
        double ratio = (double) in / out;
        boolean half = cfg.resize() == OnnxImageConfig.Resize.HALF_PIXEL;
        for (int i = 0; i < out; i++) {
            double s = half ? Math.max(0.0, ratio * (i + 0.5) - 0.5) : ratio * i;
            int f = (int) Math.floor(s);
            lo[i] = Math.min(f, in - 1);
            hi[i] = Math.min(in - 1, (int) Math.ceil(s));
            frac[i] = s - f;
        }
    }
}
