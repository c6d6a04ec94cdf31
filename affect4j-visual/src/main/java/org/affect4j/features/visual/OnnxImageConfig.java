package org.affect4j.features.visual;


import org.affect4j.util.ConfigReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Everything {@link OnnxImageExtractor} needs to run an image model: which file, how to turn a face crop into the
 * input tensor, and which output to read. Each input value is {@code (pixel * scale - mean[c]) / std[c]} with
 * {@code pixel} in 0..255 after resizing to {@code width x height}.
 *
 * <p>As JSON (all keys but {@code model} and the size optional; {@code model} relative to the config file):
 * <pre>{@code
 * { "id": "my-densenet", "model": "densenet.onnx", "width": 112, "height": 112,
 *   "layout": "NCHW", "colour": "RGB", "scale": 0.00392157, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
 *   "resize": "HALF_PIXEL", "input": "input", "output": "embedding", "dimension": 512, "region": [0.1, 0.1, 0.8] }
 * }</pre>
 *
 * @param id        feature name in the store
 * @param model     the {@code .onnx} file
 * @param width     input width in pixels
 * @param height    input height in pixels
 * @param layout    tensor layout of the input
 * @param colour    channel order of the input ({@code GREY}: one channel, ITU-R 601 luma)
 * @param scale     factor applied to the 0..255 pixel first
 * @param mean      per-channel value subtracted after scaling (length = channels, or 1 for all)
 * @param std       per-channel divisor (length = channels, or 1 for all)
 * @param resize    interpolation convention
 * @param input     input name, or null for the model's first input
 * @param output    output name, or null for the model's first output
 * @param dimension feature length, or 0 to read it from the model
 * @param region    the square of the aligned face crop the model sees, {@code [left, top, side]} as fractions of the
 *                  crop's side (null: the whole crop). Nets trained on tight detector boxes (face-api's, FER2013's
 *                  48x48 faces) want less margin than the 112x112 alignment template leaves.
 */
public record OnnxImageConfig(String id, Path model, int width, int height, Layout layout, Colour colour,
                              float scale, float[] mean, float[] std, Resize resize, String input, String output,
                              int dimension, float[] region) {
    /** Input tensor layout. */
    public enum Layout { NHWC, NCHW }

    /** Channel order of the input tensor. */
    public enum Colour {
        RGB(3), BGR(3), GREY(1);

        /** Number of channels. */
        public final int channels;

        Colour(int channels) {
            this.channels = channels;
        }
    }

    /** Bilinear resize convention. */
    public enum Resize {
        /** TensorFlow's {@code resizeBilinear} default (no half-pixel centres, no corner alignment); tfjs models. */
        TF_LEGACY,
        /** Half-pixel centres (OpenCV {@code INTER_LINEAR}, PyTorch {@code align_corners=False}); most exports. */
        HALF_PIXEL
    }

    public OnnxImageConfig {
        String where = "extractor config " + (id == null ? "" : "'" + id + "' ");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + "needs an id");
        }
        if (model == null) {
            throw new IllegalArgumentException(where + "needs a model file");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(where + "has input size " + width + "x" + height + ", expected positive");
        }
        if (layout == null || colour == null || resize == null) {
            throw new IllegalArgumentException(where + "needs layout, colour and resize");
        }
        mean = perChannel(mean, colour.channels, 0f, where + "key mean");
        std = perChannel(std, colour.channels, 1f, where + "key std");
        for (float s : std) {
            if (s == 0f || !Float.isFinite(s)) {
                throw new IllegalArgumentException(where + "key std has " + s + ", expected non-zero finite values");
            }
        }
        if (!(scale > 0f) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException(where + "key scale is " + scale + ", expected a positive number");
        }
        if (dimension < 0) {
            throw new IllegalArgumentException(where + "key dimension is " + dimension + ", expected >= 0");
        }
        if (region != null && (region.length != 3 || !(region[2] > 0) || region[0] < 0 || region[1] < 0
                || region[0] + region[2] > 1.0001f || region[1] + region[2] > 1.0001f)) {
            throw new IllegalArgumentException(where + "key region must be [left, top, side], fractions of the crop "
                    + "with the square inside it, got " + Arrays.toString(region));
        }
        region = region == null ? null : region.clone();
    }

    /** Number of input channels. */
    public int channels() {
        return colour.channels;
    }

    /** The {@code [min, max]} of the input tensor's values (pixels 0..255 through scale, mean and std). */
    public float[] inputRange() {
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int c = 0; c < channels(); c++) {
            for (float px : new float[] {0f, 255f}) {
                float v = (px * scale - mean[c]) / std[c];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new float[] {lo, hi};
    }

    /** A copy with another id, output and dimension (presets sharing one model, e.g. features and scores). */
    public OnnxImageConfig withOutput(String newId, String newOutput, int newDimension) {
        return new OnnxImageConfig(newId, model, width, height, layout, colour, scale, mean, std, resize, input,
                newOutput, newDimension, region);
    }

    /** A copy that sees only {@code newRegion} of the crop ({@code [left, top, side]}, see the class comment). */
    public OnnxImageConfig withRegion(float[] newRegion) {
        return new OnnxImageConfig(id, model, width, height, layout, colour, scale, mean, std, resize, input, output,
                dimension, newRegion.clone());
    }

    /**
     * Reads a config file as described above.
     *
     * @throws IllegalArgumentException naming the file and key when a value is missing or invalid
     */
    public static OnnxImageConfig fromJson(Path file) {
        try {
            ConfigReader j = ConfigReader.of(file);
            String modelName = j.string("model", null);
            Path model = file.toAbsolutePath().getParent().resolve(modelName).normalize();
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("key model: " + model + " does not exist");
            }
            int size = j.integer("size", 0, 0);
            OnnxImageConfig c = new OnnxImageConfig(
                    j.string("id", model.getFileName().toString().replaceFirst("\\.onnx$", "")), model,
                    j.integer("width", size, 0), j.integer("height", size, 0),
                    enumOf(Layout.class, j.string("layout", "NCHW"), "layout"),
                    enumOf(Colour.class, j.string("colour", "RGB"), "colour"),
                    (float) j.number("scale", 1.0, -Double.MAX_VALUE, Double.MAX_VALUE), j.floats("mean"), j.floats("std"),
                    enumOf(Resize.class, j.string("resize", "HALF_PIXEL"), "resize"),
                    j.optionalString("input"), j.optionalString("output"),
                    j.integer("dimension", 0, 0), j.floats("region"));
            j.finish();
            return c;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith(file.toString()) || m.contains("config " + file) ? m
                    : "extractor config " + file + ": " + m, e);
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String key) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key " + key + " is '" + v + "', expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static float[] perChannel(float[] v, int channels, float dflt, String what) {
        if (v == null || v.length == 0) {
            float[] r = new float[channels];
            Arrays.fill(r, dflt);
            return r;
        }
        if (v.length == 1 && channels > 1) {
            float[] r = new float[channels];
            Arrays.fill(r, v[0]);
            return r;
        }
        if (v.length != channels) {
            throw new IllegalArgumentException(what + " has " + v.length + " values for " + channels + " channels");
        }
        return v.clone();
    }
}
