package org.affect4j.segments;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a video of n frames into segments of length l with stride p (METHOD §3): segment j starts at j*p, there are
 * floor(n/p)+1 of them, and the last is padded. When p divides n the last segment is all padding; it is kept so
 * the count matches the method, and it contributes nothing (no real frame, no loss). Requires l >= p so every
 * frame is covered.
 */
public final class Segmenter {
    private final int length;
    private final int stride;

    public Segmenter(int length, int stride) {
        if (length <= 0 || stride <= 0) throw new IllegalArgumentException("segment length and stride must be positive");
        if (stride > length) {
            throw new IllegalArgumentException("stride " + stride + " > length " + length + " would skip frames");
        }
        this.length = length;
        this.stride = stride;
    }

    /** Non-overlapping segments (p = l), as the LSTM with carried state needs. */
    public static Segmenter nonOverlapping(int length) {
        return new Segmenter(length, length);
    }

    public int length() {
        return length;
    }

    public int stride() {
        return stride;
    }

    /** The segments of a video of {@code frames} frames, in time order. */
    public List<Segment> cut(int frames) {
        if (frames < 0) throw new IllegalArgumentException("negative frame count " + frames);
        int count = frames / stride + 1;
        List<Segment> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            int start = j * stride;
            out.add(new Segment(start, length, Math.max(0, Math.min(length, frames - start))));
        }
        return out;
    }

    /**
     * Gathers the rows of one segment from a row-major {@code [frames, dim]} array into {@code [length, dim]},
     * padding with zeros.
     */
    public static float[] gather(float[] data, int dim, Segment s) {
        float[] out = new float[s.length() * dim];
        System.arraycopy(data, s.start() * dim, out, 0, s.realFrames() * dim);
        return out;
    }

    /**
     * Maps per-segment outputs back to frames: every real frame gets the mean of the outputs of the segments that
     * cover it (exactly one value per real frame; padding positions are ignored).
     *
     * @param segments the cut of a video of {@code frames} frames
     * @param outputs  for each segment, {@code [length, width]} row-major
     * @param width    values per position (e.g. 8 class probabilities)
     * @return {@code [frames, width]} row-major
     */
    public static float[] toFrames(List<Segment> segments, List<float[]> outputs, int frames, int width) {
        if (segments.size() != outputs.size()) {
            throw new IllegalArgumentException(segments.size() + " segments but " + outputs.size() + " outputs");
        }
        double[] sum = new double[frames * width];
        int[] count = new int[frames];
        for (int j = 0; j < segments.size(); j++) {
            Segment s = segments.get(j);
            float[] o = outputs.get(j);
            if (o.length != s.length() * width) {
                throw new IllegalArgumentException("output " + j + " has " + o.length + " values, expected " + s.length() * width);
            }
            for (int t = 0; t < s.realFrames(); t++) {
                int f = s.start() + t;
                if (f >= frames) throw new IllegalArgumentException("segment " + j + " reaches past frame " + frames);
                count[f]++;
                for (int c = 0; c < width; c++) sum[f * width + c] += o[t * width + c];
            }
        }
        float[] out = new float[frames * width];
        for (int f = 0; f < frames; f++) {
            if (count[f] == 0) throw new IllegalArgumentException("frame " + f + " is covered by no segment");
            for (int c = 0; c < width; c++) out[f * width + c] = (float) (sum[f * width + c] / count[f]);
        }
        return out;
    }
}
