package org.affect4j.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MappedMatrix;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-dimension standardisation of the fused input, {@code (x - mean) / std}, with the statistics of the training
 * items only (config key {@code data.standardise}, on by default). The statistics are computed streaming, one video
 * at a time, over the frames that are both valid (the feature's mask; filled rows do not count) and annotated
 * (label &gt;= 0); each video's mean and squared deviations are merged with Chan's pairwise formula, in double.
 * A dimension whose deviation is zero or at float rounding level ({@code std <= 1e-6 * max(1, |mean|)}) is only
 * centred (divisor 1), and a dimension without any counted frame is left as it is (mean 0, divisor 1), so nothing
 * becomes NaN or infinite. Rows that are invalid and were not filled (no nearest fill, or a video without a valid
 * row) stay at 0, i.e. at the training mean; the feature mask of training also writes 0, the same "no information".
 * <p>
 * Saved as {@code normalisation.json} in the run directory and applied by {@link org.affect4j.inference.RunPredictor}, so training,
 * evaluation and prediction see identical inputs. Immutable.
 */
public final class FeatureStandardiser {
    /** File name in a run directory. */
    public static final String FILE = "normalisation.json";

    private final List<String> features;
    private final List<Integer> dims;
    private final long[] frames;
    private final double[] mean;
    private final double[] std;
    private final double[] divisor;
    private final float[] meanF;
    private final float[] divisorF;
    private final int[] offsets;

    private FeatureStandardiser(List<String> features, List<Integer> dims, long[] frames, double[] mean, double[] std,
                                double[] divisor) {
        this.features = List.copyOf(features);
        this.dims = List.copyOf(dims);
        this.frames = frames.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.divisor = divisor.clone();
        this.meanF = new float[mean.length];
        this.divisorF = new float[mean.length];
        for (int d = 0; d < mean.length; d++) {
            meanF[d] = (float) mean[d];
            divisorF[d] = (float) divisor[d];
        }
        this.offsets = new int[dims.size()];
        for (int f = 1; f < offsets.length; f++) offsets[f] = offsets[f - 1] + dims.get(f - 1);
    }

    /**
     * Computes the statistics of {@code layout}'s features over {@code items}, reading one video at a time.
     *
     * @throws IllegalArgumentException a feature holds NaN or infinite values on counted frames, or is missing
     */
    public static FeatureStandardiser fit(FeatureStore store, FeatureLayout layout, List<LabelledItem> items) {
        int total = layout.total();
        double[] mean = new double[total];
        double[] m2 = new double[total];
        long[] count = new long[layout.names().size()];
        for (LabelledItem item : items) {
            for (int f = 0; f < layout.names().size(); f++) {
                // mapped, read row by row: a 50,000-frame video of a 1,024-wide feature never sits in the heap
                MappedMatrix m = store.map(layout.names().get(f), item.video());
                int w = layout.dims().get(f);
                if (m.dim() != w) {
                    throw new IllegalArgumentException("feature '" + layout.names().get(f) + "' of video '" + item.video()
                            + "' has " + m.dim() + " values per frame, but the feature is declared with " + w);
                }
                int[] labels = item.labelsFor(m.rows());
                int off = layout.offset(f);
                float[] x = new float[w];
                long nb = 0;
                double[] sum = new double[w];
                for (int r = 0; r < m.rows(); r++) {
                    if (!m.isValid(r) || labels[r] < 0) continue;
                    nb++;
                    m.copyRow(r, x, 0);
                    for (int d = 0; d < w; d++) sum[d] += x[d];
                }
                if (nb == 0) continue;
                long na = count[f];
                long n = na + nb;
                double[] mb = new double[w];
                for (int d = 0; d < w; d++) mb[d] = sum[d] / nb;
                // squared deviations from this video's mean, each dimension summed in row order
                double[] sq = new double[w];
                for (int r = 0; r < m.rows(); r++) {
                    if (!m.isValid(r) || labels[r] < 0) continue;
                    m.copyRow(r, x, 0);
                    for (int d = 0; d < w; d++) {
                        double dev = x[d] - mb[d];
                        sq[d] += dev * dev;
                    }
                }
                for (int d = 0; d < w; d++) {
                    double delta = mb[d] - mean[off + d];
                    mean[off + d] += delta * nb / n;
                    m2[off + d] += sq[d] + delta * delta * ((double) na * nb / n);
                }
                count[f] = n;
            }
        }
        double[] std = new double[total];
        double[] div = new double[total];
        long[] perDim = new long[total];
        for (int f = 0; f < layout.names().size(); f++) {
            int off = layout.offset(f);
            for (int d = 0; d < layout.dims().get(f); d++) {
                int k = off + d;
                perDim[k] = count[f];
                std[k] = count[f] > 0 ? Math.sqrt(m2[k] / count[f]) : 0;
                if (!Double.isFinite(mean[k]) || !Double.isFinite(std[k])) {
                    throw new IllegalArgumentException("feature '" + layout.names().get(f) + "', dimension " + d
                            + ": the training frames hold NaN or infinite values; cannot standardise");
                }
                div[k] = std[k] > 1e-6 * Math.max(1, Math.abs(mean[k])) ? std[k] : 1;
            }
        }
        return new FeatureStandardiser(layout.names(), layout.dims(), perDim, mean, std, div);
    }

    /** Per-dimension training means. */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-dimension training deviations (population, i.e. divided by n); 0 for a constant dimension. */
    public double[] std() {
        return std.clone();
    }

    /** What each dimension is divided by after centring: the deviation, or 1 where it is (near) zero. */
    public double[] divisor() {
        return divisor.clone();
    }

    /** Counted (valid and annotated) training frames behind each dimension. */
    public long[] frames() {
        return frames.clone();
    }

    /** Features in concatenation order. */
    public List<String> features() {
        return features;
    }

    /**
     * Standardises one feature's rows in place: {@code part} is feature {@code f}'s {@code [rows, w]} block;
     * rows marked in {@code zero} (invalid and not filled) are set to 0.
     */
    void applyInPlace(int f, float[] part, int rows, boolean[] zero) {
        int w = dims.get(f);
        for (int r = 0; r < rows; r++) {
            int base = r * w;
            if (zero != null && zero[r]) {
                java.util.Arrays.fill(part, base, base + w, 0f);
                continue;
            }
            applyRow(f, part, base);
        }
    }

    /** Standardises one row of feature {@code f} in place: its {@code w} values in {@code x} from {@code at}. */
    void applyRow(int f, float[] x, int at) {
        int w = dims.get(f);
        int off = offsets[f];
        for (int d = 0; d < w; d++) {
            x[at + d] = (x[at + d] - meanF[off + d]) / divisorF[off + d];
        }
    }

    /** Throws unless this was computed for exactly {@code layout}. */
    public void check(FeatureLayout layout, Path source) {
        if (!layout.names().equals(features) || !layout.dims().equals(dims)) {
            throw new IllegalArgumentException(source + " standardises features " + features + " with widths " + dims
                    + ", but the run uses " + layout.names() + " with widths " + layout.dims());
        }
    }

    /** Writes {@code runDir/normalisation.json} atomically. */
    public void save(Path runDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "x' = (x - mean) / divisor per input dimension; statistics of the valid, annotated"
                + " frames of the training items; divisor = std, or 1 where std is (near) zero");
        m.put("features", features);
        m.put("dims", dims);
        m.put("frames", frames);
        m.put("mean", mean);
        m.put("std", std);
        m.put("divisor", divisor);
        try {
            AtomicFiles.writeString(runDir.resolve(FILE), ExperimentConfigs.json().writeValueAsString(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a run's {@code normalisation.json}.
     *
     * @throws IllegalArgumentException missing, unreadable or inconsistent file
     */
    public static FeatureStandardiser load(Path runDir) {
        Path p = runDir.resolve(FILE);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("run " + runDir + " standardises its features but has no " + FILE);
        }
        try {
            JsonNode n = ExperimentConfigs.json().readTree(p.toFile());
            List<String> features = new ArrayList<>();
            n.path("features").forEach(x -> features.add(x.asText()));
            List<Integer> dims = new ArrayList<>();
            n.path("dims").forEach(x -> dims.add(x.asInt()));
            int total = dims.stream().mapToInt(Integer::intValue).sum();
            double[] mean = doubles(n, "mean", total, p);
            double[] std = doubles(n, "std", total, p);
            double[] div = doubles(n, "divisor", total, p);
            long[] frames = new long[total];
            JsonNode fr = n.path("frames");
            for (int i = 0; i < total && i < fr.size(); i++) frames[i] = fr.get(i).asLong();
            if (features.isEmpty() || features.size() != dims.size()) {
                throw new IllegalArgumentException(p + " is damaged: features and dims do not match");
            }
            for (double d : div) {
                if (!(d > 0) || !Double.isFinite(d)) throw new IllegalArgumentException(p + " is damaged: divisor " + d);
            }
            return new FeatureStandardiser(features, dims, frames, mean, std, div);
        } catch (IOException e) {
            throw new IllegalArgumentException(p + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static double[] doubles(JsonNode n, String key, int size, Path p) {
        JsonNode a = n.path(key);
        if (!a.isArray() || a.size() != size) {
            throw new IllegalArgumentException(p + " is damaged: '" + key + "' must hold " + size + " numbers");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            if (!a.get(i).isNumber()) throw new IllegalArgumentException(p + " is damaged: '" + key + "' holds " + a.get(i));
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
