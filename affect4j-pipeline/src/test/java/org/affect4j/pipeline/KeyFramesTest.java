package org.affect4j.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeyFramesTest {
    /** The embedded frames of a face sequence ('F' face, '.' none). */
    private static boolean[] embedded(int every, String faces) {
        KeyFrames k = new KeyFrames(every);
        boolean[] out = new boolean[faces.length()];
        for (int i = 0; i < out.length; i++) out[i] = k.embeds(i, faces.charAt(i) == 'F');
        return out;
    }

    private static boolean[] marks(String s) {
        boolean[] out = new boolean[s.length()];
        for (int i = 0; i < out.length; i++) out[i] = s.charAt(i) == 'E';
        return out;
    }

    @Test
    void everyNthFaceFrameCountedFromTheLastEmbeddedOne() {
        assertArrayEquals(marks("E--E--E--E"), embedded(3, "FFFFFFFFFF"));
        // a face lost and found again: the first face frame after the gap is embedded once n frames have passed
        assertArrayEquals(marks("E----E--E-"), embedded(3, "FF...FFFFF"));
        assertArrayEquals(marks("---E--E--"), embedded(3, "...FFFFFF"));
        // a face back before n frames have passed holds the last embedding until they have
        assertArrayEquals(marks("E--E--"), embedded(3, "F.FFFF"));
        assertArrayEquals(marks("EEE.E"), embedded(1, "FFF.F"));
    }

    @Test
    void aStrideBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyFrames(0));
    }
}
