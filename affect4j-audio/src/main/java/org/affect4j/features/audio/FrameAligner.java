package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;

/**
 * The {@link FrameAlignment} rule applied as native rows arrive, block after block, so a long recording is aligned
 * to its video frames without ever holding its whole descriptor stream: frame {@code i} (instant {@code i / fps})
 * takes the native row whose centre is nearest; frames before the first centre take row 0; frames later than one
 * hop past the last centre are invalid. A frame is written to the sink as soon as its row has arrived.
 *
 * <p>Because frame times and row centres both increase, every frame still waiting needs a row not yet seen, so only
 * the last row received is kept (for the frames between the last centre and the end of the audio).
 */
public final class FrameAligner {
    /** Receives aligned rows in frame order (a {@code MatrixWriter::append} fits). */
    @FunctionalInterface
    public interface RowSink {
        void append(float[] row, boolean valid);
    }

    /** Collects a known number of aligned rows into one matrix. */
    public static final class Rows implements RowSink {
        private final int dim;
        private final float[] data;
        private final boolean[] valid;
        private int next;

        public Rows(int rows, int dim) {
            this.dim = dim;
            this.data = new float[rows * dim];
            this.valid = new boolean[rows];
        }

        @Override
        public void append(float[] row, boolean ok) {
            System.arraycopy(row, 0, data, next * dim, dim);
            valid[next++] = ok;
        }

        /** The rows collected; all of them must have arrived. */
        public FeatureMatrix matrix() {
            if (next != valid.length) throw new IllegalStateException(next + " rows collected of " + valid.length);
            return new FeatureMatrix(valid.length, dim, data, valid);
        }
    }

    private final int dim;
    private final double rate;
    private final double offset;
    private final double fps;
    private final RowSink sink;
    private final float[] zeros;
    private int written;
    private int rowsSeen;
    private float[] lastRow;
    private boolean lastValid;
    private boolean finished;

    /**
     * @param dim           values per row
     * @param nativeRate    native rows per second
     * @param offsetSeconds time of native row 0's centre
     * @param fps           output rows (video frames) per second
     * @param sink          receives the output rows
     */
    public FrameAligner(int dim, double nativeRate, double offsetSeconds, double fps, RowSink sink) {
        if (!(nativeRate > 0) || Double.isInfinite(nativeRate)) {
            throw new IllegalArgumentException("native rate must be a positive number of rows per second, got " + nativeRate);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("video frame rate must be positive, got " + fps);
        }
        if (!Double.isFinite(offsetSeconds)) throw new IllegalArgumentException("row offset must be finite, got " + offsetSeconds);
        if (sink == null) throw new IllegalArgumentException("sink must not be null");
        this.dim = dim;
        this.rate = nativeRate;
        this.offset = offsetSeconds;
        this.fps = fps;
        this.sink = sink;
        this.zeros = new float[dim];
    }

    /** An aligner for the rows of {@code extractor}, with its row timing when it declares one ({@link TimedRows}). */
    public static FrameAligner of(AudioFeatureExtractor extractor, double fps, RowSink sink) {
        return new FrameAligner(extractor.dimension(), extractor.rate(), offsetOf(extractor), fps, sink);
    }

    /** Time of the extractor's row 0: its declared window centre, else 0. */
    static double offsetOf(AudioFeatureExtractor extractor) {
        return extractor instanceof TimedRows t ? t.firstRowSeconds() : 0.0;
    }

    /** Nearest native row of frame {@code i}, before clamping. */
    private long nearestRow(int i) {
        return Math.round((i / fps - offset) * rate);
    }

    /**
     * Takes the next native rows and writes every frame (below {@code frameLimit}) whose row is now known.
     *
     * @param block      native rows following those already given
     * @param frameLimit frames that may be written so far (the video's frame count, or a lower bound of it)
     */
    public void accept(FeatureMatrix block, int frameLimit) {
        if (finished) throw new IllegalStateException("aligner already finished");
        if (block.dim() != dim) throw new IllegalArgumentException("block has " + block.dim() + " values per row, expected " + dim);
        if (block.rows() == 0) return;
        int first = rowsSeen;
        rowsSeen += block.rows();
        while (written < frameLimit) {
            long r = Math.max(0, nearestRow(written));
            if (r >= rowsSeen) break;
            int local = (int) (r - first); // >= 0: frames needing earlier rows were written with earlier blocks
            emit(block.data(), local * dim, block.isValid(local));
        }
        int last = block.rows() - 1;
        if (lastRow == null) lastRow = new float[dim];
        System.arraycopy(block.data(), last * dim, lastRow, 0, dim);
        lastValid = block.isValid(last);
    }

    /**
     * Writes the remaining frames up to {@code frames} in all: the last row up to one hop past its centre, invalid
     * zeros after.
     *
     * @throws IllegalStateException if more than {@code frames} rows were already written
     */
    public void finish(int frames) {
        if (finished) throw new IllegalStateException("aligner already finished");
        if (written > frames) throw new IllegalStateException(written + " frames written, more than the " + frames + " asked for");
        finished = true;
        double lastEnd = offset + rowsSeen / rate; // one hop past the last row centre
        while (written < frames) {
            if (rowsSeen == 0 || written / fps >= lastEnd) emit(zeros, 0, false);
            else emit(lastRow, 0, lastValid);
        }
    }

    private void emit(float[] data, int from, boolean valid) {
        float[] row = new float[dim];
        if (valid) System.arraycopy(data, from, row, 0, dim);
        sink.append(row, valid);
        written++;
    }

    /** Frames written so far. */
    public int written() {
        return written;
    }
}
