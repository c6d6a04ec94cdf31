package org.affect4j.training.data;

/**
 * One video's fused per-frame input and its labels, handed out a block of rows at a time, so that a batch needs
 * only its own segments: {@link Sequence} holds the whole video in memory, {@link MappedVideo} reads the store's
 * memory-mapped files on demand and keeps the heap independent of the corpus size. Both give the same rows.
 */
public interface VideoRows {
    /** Store video name. */
    String video();

    /** Number of frames n. */
    int frames();

    /** Fused feature width D. */
    int dim();

    /** {@code [n]} class per frame, -1 = does not count; shared, never modified. */
    int[] labels();

    /** Copies rows {@code start..start+count-1} ({@code [count, D]}, row-major) into {@code dst} from {@code offset}. */
    void copyRows(int start, int count, float[] dst, int offset);

    /** Number of frames with a label. */
    default int annotatedFrames() {
        int n = 0;
        for (int l : labels()) {
            if (l >= 0) n++;
        }
        return n;
    }
}
