package org.affect4j.predict.recipe;

import org.affect4j.media.AudioDecoder;
import org.affect4j.util.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Perturbed copies of a training recording, written as 16-bit PCM WAV files so that the recipe extracts them through
 * the very decoder, descriptors and voice activity that {@code predict} runs on a user's file. Each copy draws its own
 * perturbation from a seeded generator (same file, seed and copy number: same copy):
 * <ul>
 *   <li>speed (tempo and pitch together, by resampling) in [0.9, 1.1], always;</li>
 *   <li>gain in [-15, +5] dB, always (scaled back below full scale if it would clip);</li>
 *   <li>reverberation (a Schroeder reverberator, RT60 0.2-0.8 s, wet mix 0.2-0.5), with probability 0.35;</li>
 *   <li>band limits (high-pass 150-400 Hz and low-pass 3.4-6 kHz, two 2nd-order sections each), probability 0.35;</li>
 *   <li>added white or low-passed ("brown") noise at 5-30 dB SNR, probability 0.5.</li>
 * </ul>
 */
public final class AudioAugmentation {
    static final int RATE = AudioDecoder.SAMPLE_RATE;

    private AudioAugmentation() {
    }

    /** What one copy does to the signal; {@code NaN} / 0 disables an optional step. */
    public record Perturbation(double speed, double gainDb, double reverbSeconds, double reverbWet, double highPassHz,
                               double lowPassHz, double snrDb, boolean brownNoise, long noiseSeed) {
        /** Draws one perturbation with every step. */
        public static Perturbation draw(SplittableRandom r) {
            return draw(r, true);
        }

        /**
         * Draws one perturbation; without {@code channel} only speed and gain (no reverberation, band limits or noise;
         * the random draws are the same, so a copy differs from its full counterpart only by those steps).
         */
        public static Perturbation draw(SplittableRandom r, boolean channel) {
            double speed = 0.9 + 0.2 * r.nextDouble();
            double gain = -15 + 20 * r.nextDouble();
            boolean reverb = r.nextDouble() < 0.35, band = r.nextDouble() < 0.35, noise = r.nextDouble() < 0.5;
            double rt = 0.2 + 0.6 * r.nextDouble(), wet = 0.2 + 0.3 * r.nextDouble();
            double hp = 150 + 250 * r.nextDouble(), lp = 3400 + 2600 * r.nextDouble();
            double snr = 5 + 25 * r.nextDouble();
            boolean brown = r.nextBoolean();
            long seed = r.nextLong();
            if (!channel) reverb = band = noise = false;
            return new Perturbation(speed, gain, reverb ? rt : 0, reverb ? wet : 0, band ? hp : 0, band ? lp : 0,
                    noise ? snr : Double.NaN, brown, seed);
        }

        /** Short description for logs. */
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "speed %.2f, gain %+.1f dB", speed, gainDb));
            if (reverbSeconds > 0) b.append(String.format(Locale.ROOT, ", reverb RT60 %.2f s wet %.2f", reverbSeconds, reverbWet));
            if (lowPassHz > 0) b.append(String.format(Locale.ROOT, ", band %.0f-%.0f Hz", highPassHz, lowPassHz));
            if (!Double.isNaN(snrDb)) b.append(String.format(Locale.ROOT, ", %s noise %.1f dB SNR", brownNoise ? "brown" : "white", snrDb));
            return b.toString();
        }
    }

    /**
     * Writes (once; existing files are kept) {@code copies} perturbed copies of {@code source} into {@code dir} as
     * {@code <base>-aug<k>.wav} and returns their paths.
     */
    public static List<Path> copies(Path source, int copies, long seed, Path dir) throws IOException {
        return copies(source, copies, seed, true, dir);
    }

    /** As {@link #copies(Path, int, long, Path)}; {@code channel} false: speed and gain only. */
    public static List<Path> copies(Path source, int copies, long seed, boolean channel, Path dir) throws IOException {
        String base = source.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        List<Path> out = new ArrayList<>();
        float[] x = null;
        for (int k = 0; k < copies; k++) {
            Path target = dir.resolve(base + "-aug" + k + ".wav");
            out.add(target);
            if (Files.exists(target)) continue;
            if (x == null) x = AudioDecoder.decode(source);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + base.hashCode() * 31L + k);
            Files.createDirectories(dir);
            Path tmp = dir.resolve(base + "-aug" + k + ".wav.tmp");
            Files.write(tmp, wav(apply(x, Perturbation.draw(r, channel))));
            AtomicFiles.moveIntoPlace(tmp, target);
        }
        return out;
    }

    /** The perturbed signal (a new array; the input is not changed). */
    public static float[] apply(float[] x, Perturbation p) {
        float[] y = resample(x, p.speed());
        if (p.reverbSeconds() > 0) y = reverb(y, p.reverbSeconds(), p.reverbWet());
        if (p.lowPassHz() > 0) {
            for (int pass = 0; pass < 2; pass++) {
                biquad(y, false, p.highPassHz());
                biquad(y, true, p.lowPassHz());
            }
        }
        if (!Double.isNaN(p.snrDb())) addNoise(y, p.snrDb(), p.brownNoise(), new SplittableRandom(p.noiseSeed()));
        double g = Math.pow(10, p.gainDb() / 20);
        double peak = 0;
        for (float v : y) peak = Math.max(peak, Math.abs(v));
        if (peak * g > 0.99) g = 0.99 / Math.max(peak, 1e-9);
        for (int i = 0; i < y.length; i++) y[i] = (float) (y[i] * g);
        return y;
    }

    /** Plays {@code x} {@code speed} times faster (linear interpolation; shorter and higher for speed > 1). */
    static float[] resample(float[] x, double speed) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be positive, got " + speed);
        int n = (int) Math.floor((x.length - 1) / speed) + 1;
        if (x.length == 0) return new float[0];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i * speed;
            int k = (int) t;
            double f = t - k;
            y[i] = k + 1 < x.length ? (float) ((1 - f) * x[k] + f * x[k + 1]) : x[k];
        }
        return y;
    }

    /** Schroeder reverberator: four parallel feedback combs then two all-pass sections, mixed with the dry signal. */
    static float[] reverb(float[] x, double rt60, double wet) {
        int[] combs = {1116 * RATE / 44100, 1188 * RATE / 44100, 1277 * RATE / 44100, 1356 * RATE / 44100};
        int tail = (int) (rt60 * RATE);
        float[] in = java.util.Arrays.copyOf(x, x.length + tail);
        double[] sum = new double[in.length];
        for (int d : combs) {
            double g = Math.pow(10, -3.0 * d / (rt60 * RATE));
            double[] buf = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                buf[i] = in[i] + (i >= d ? g * buf[i - d] : 0);
                sum[i] += buf[i] / combs.length;
            }
        }
        for (int d : new int[] {225 * RATE / 44100, 556 * RATE / 44100}) {
            double g = 0.5;
            double[] out = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                double xd = i >= d ? sum[i - d] : 0, yd = i >= d ? out[i - d] : 0;
                out[i] = -g * sum[i] + xd + g * yd;
            }
            sum = out;
        }
        double ein = 0, ewet = 0;
        for (float v : x) ein += v * v;
        for (double v : sum) ewet += v * v;
        double scale = ewet > 0 ? Math.sqrt(ein / ewet) : 0;
        float[] y = new float[in.length];
        for (int i = 0; i < in.length; i++) y[i] = (float) ((1 - wet) * in[i] + wet * scale * sum[i]);
        return y;
    }

    /** In-place 2nd-order Butterworth low- or high-pass (RBJ cookbook, Q = 1/sqrt 2). */
    static void biquad(float[] x, boolean lowPass, double hz) {
        double w = 2 * Math.PI * Math.min(hz, 0.45 * RATE) / RATE, cos = Math.cos(w), alpha = Math.sin(w) / Math.sqrt(2);
        double b0 = lowPass ? (1 - cos) / 2 : (1 + cos) / 2, b1 = lowPass ? 1 - cos : -(1 + cos), b2 = b0;
        double a0 = 1 + alpha, a1 = -2 * cos, a2 = 1 - alpha;
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double y = (b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = v;
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
    }

    /** Adds noise at {@code snrDb} below the signal's power (over its louder half of 20 ms blocks, i.e. the speech). */
    static void addNoise(float[] x, double snrDb, boolean brown, SplittableRandom r) {
        double power = activePower(x);
        if (power <= 0) return;
        double[] noise = new double[x.length];
        double state = 0, np = 0;
        for (int i = 0; i < x.length; i++) {
            double w = r.nextDouble() * 2 - 1;
            state = brown ? 0.98 * state + w : w;
            noise[i] = state;
            np += state * state;
        }
        np /= Math.max(1, x.length);
        double g = np > 0 ? Math.sqrt(power / np / Math.pow(10, snrDb / 10)) : 0;
        for (int i = 0; i < x.length; i++) x[i] = (float) (x[i] + g * noise[i]);
    }

    /** Mean power of the louder half of the 20 ms blocks. */
    static double activePower(float[] x) {
        int block = RATE / 50;
        List<Double> powers = new ArrayList<>();
        for (int s = 0; s + block <= x.length; s += block) {
            double p = 0;
            for (int i = s; i < s + block; i++) p += x[i] * x[i];
            powers.add(p / block);
        }
        if (powers.isEmpty()) return 0;
        powers.sort(null);
        double sum = 0;
        int from = powers.size() / 2;
        for (int i = from; i < powers.size(); i++) sum += powers.get(i);
        return sum / (powers.size() - from);
    }

    /** 16-bit PCM mono WAV bytes at {@link #RATE} Hz. */
    static byte[] wav(float[] x) {
        ByteBuffer h = ByteBuffer.allocate(44 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * x.length)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * x.length);
        for (float v : x) h.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        return h.array();
    }
}
