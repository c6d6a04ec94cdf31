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
        OnnxImageConfig.Colour colour = cfg.colour();
        // where channel c of a pixel goes, relative to the pixel's first value: interleaved or planar
        boolean nhwc = cfg.layout() == OnnxImageConfig.Layout.NHWC;
        int pixelStep = nhwc ? ch : 1;
        int channelStep = nhwc ? 1 : w * h;
        double[] px = new double[3];
        // at the input's own size every sample sits on a pixel (weights 0): the value itself, exactly what the
        // interpolation gives, without its arithmetic (three of the four face nets read 112x112 crops as they are)
        boolean same = img.width() == w && img.height() == h;
        for (int y = 0; y < h; y++) {
            int r0 = y0[y] * row, r1 = y1[y] * row;
            double wy = fy[y];
            int o = off + y * w * pixelStep;
            for (int x = 0; x < w; x++, o += pixelStep) {
                int a = x0[x] * 3, b = x1[x] * 3;
                double wx = fx[x];
                for (int c = 0; c < 3; c++) {
                    if (same) {
                        px[c] = src[r0 + a + c] & 0xff;
                        continue;
                    }
                    // same arithmetic order as tfjs' cpu resizeBilinear: lerp along x, then along y
                    double tl = src[r0 + a + c] & 0xff;
                    double tr = src[r0 + b + c] & 0xff;
                    double bl = src[r1 + a + c] & 0xff;
                    double br = src[r1 + b + c] & 0xff;
                    double top = tl + (tr - tl) * wx;
                    double bottom = bl + (br - bl) * wx;
                    px[c] = top + (bottom - top) * wy;
                }
                if (colour == OnnxImageConfig.Colour.GREY) {
                    double v = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2];
                    dst[o] = ((float) v * scale - mean[0]) / std[0];
                } else {
                    boolean bgr = colour == OnnxImageConfig.Colour.BGR;
                    for (int c = 0; c < 3; c++) {
                        dst[o + c * channelStep] = ((float) px[bgr ? 2 - c : c] * scale - mean[c]) / std[c];
                    }
                }
            }
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
