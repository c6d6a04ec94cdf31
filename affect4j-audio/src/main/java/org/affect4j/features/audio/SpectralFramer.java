package org.affect4j.features.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Cuts a signal into windowed frames on the {@link AudioFrames} grid and returns their power spectra: the one
 * framing and FFT shared by every spectral extractor of this package. The steps follow Kaldi's
 * {@code feature-window.cc} in its order: scale, DC removal, pre-emphasis ({@code x[j] -= k x[j-1]}, and
 * {@code x[0] -= k x[0]}), window, zero padding to the FFT size, real FFT (JTransforms).
 *
 * <p>Not thread-safe: it reuses its buffers; create one per thread (creation is cheap).
 */
public final class SpectralFramer {
    private final int length;
    private final int fftSize;
    private final boolean removeDc;
    private final double preemphasis;
    private final double scale;
    private final double[] window;
    private final double[] frame;
    private final double[] fftBuf;
    private final double[] power;
    private final DoubleFFT_1D fft;

    /**
     * @param length      window length in samples (400 = 25 ms)
     * @param window      window shape
     * @param removeDc    subtract each frame's mean first
     * @param preemphasis pre-emphasis coefficient in [0, 1), 0 for none
     * @param scale       factor applied to the samples first (32768 brings [-1, 1] to Kaldi's int16 range)
     */
    public SpectralFramer(int length, WindowFunction window, boolean removeDc, double preemphasis, double scale) {
        if (length < 2) throw new IllegalArgumentException("frame length must be >= 2 samples, got " + length);
        if (preemphasis < 0 || preemphasis >= 1) {
            throw new IllegalArgumentException("pre-emphasis must be in [0, 1), got " + preemphasis);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
        this.length = length;
        this.fftSize = Integer.highestOneBit(length - 1) << 1;
        this.removeDc = removeDc;
        this.preemphasis = preemphasis;
        this.scale = scale;
        this.window = window.coefficients(length);
        this.frame = new double[length];
        this.fftBuf = new double[fftSize];
        this.power = new double[fftSize / 2 + 1];
        this.fft = new DoubleFFT_1D(fftSize);
    }

    /** Window length in samples. */
    public int length() { return length; }

    /** FFT size (the next power of two at or above the length). */
    public int fftSize() { return fftSize; }

    /** Number of spectrum bins, {@code fftSize / 2 + 1}. */
    public int bins() { return power.length; }

    /** Width of one FFT bin in Hz at 16 kHz. */
    public double binHz() { return 16_000.0 / fftSize; }

    /**
     * The raw (scaled, DC-removed, pre-emphasised, not yet windowed) frame of row {@code row}, centred on the grid
     * and zero-padded past the signal ends. The returned array is this framer's buffer.
     */
    public double[] rawFrame(float[] x, int row) {
        int start = AudioFrames.centreSample(row) - length / 2;
        double mean = 0;
        for (int j = 0; j < length; j++) {
            int k = start + j;
            double v = k >= 0 && k < x.length ? x[k] * scale : 0.0;
            frame[j] = v;
            mean += v;
        }
        if (removeDc) {
            mean /= length;
            for (int j = 0; j < length; j++) frame[j] -= mean;
        }
        if (preemphasis > 0) {
            for (int j = length - 1; j > 0; j--) frame[j] -= preemphasis * frame[j - 1];
            frame[0] -= preemphasis * frame[0];
        }
        return frame;
    }

    /** The windowed frame of row {@code row} ({@code length} values); this framer's buffer, overwritten by the next call. */
    public double[] windowed(float[] x, int row) {
        rawFrame(x, row);
        for (int j = 0; j < length; j++) frame[j] *= window[j];
        return frame;
    }

    /**
     * Power spectrum {@code |X[k]|^2}, {@code k = 0 .. fftSize/2}, of row {@code row}. The returned array is this
     * framer's buffer, overwritten by the next call.
     */
    public double[] power(float[] x, int row) {
        rawFrame(x, row);
        for (int j = 0; j < length; j++) fftBuf[j] = frame[j] * window[j];
        java.util.Arrays.fill(fftBuf, length, fftSize, 0.0);
        fft.realForward(fftBuf);
        // JTransforms packs re[0], re[n/2], then (re, im) pairs
        power[0] = fftBuf[0] * fftBuf[0];
        power[fftSize / 2] = fftBuf[1] * fftBuf[1];
        for (int k = 1; k < fftSize / 2; k++) {
            double re = fftBuf[2 * k];
            double im = fftBuf[2 * k + 1];
            power[k] = re * re + im * im;
        }
        return power;
    }
}
