package org.affect4j.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleSpoolTest {
    @TempDir
    Path dir;

    @Test
    void replaysEverySampleInOrderBitForBit() throws IOException {
        Random r = new Random(7);
        List<float[]> given = new ArrayList<>();
        int total = 0;
        try (SampleSpool s = new SampleSpool(dir)) {
            // pieces of odd sizes, some larger than the spool's own buffer, and values a text round trip would not keep
            for (int size : new int[] {1, 371, SampleSpool.PIECE - 1, 2, SampleSpool.PIECE * 2 + 5, 0, 1024}) {
                float[] x = new float[size];
                for (int i = 0; i < size; i++) x[i] = Float.intBitsToFloat(r.nextInt());
                given.add(x);
                s.add(x);
                total += size;
            }
            assertTrue(s.complete());
            assertEquals(total, s.samples());
            float[] all = concat(given);
            List<float[]> back = new ArrayList<>();
            s.replay(back::add);
            for (float[] p : back) assertTrue(p.length > 0 && p.length <= SampleSpool.PIECE, "piece of " + p.length);
            assertArrayEquals(toBits(all), toBits(concat(back)));
            // a second replay gives the same again, in fresh arrays
            List<float[]> again = new ArrayList<>();
            s.replay(again::add);
            assertNotSame(back.get(0), again.get(0));
            assertArrayEquals(toBits(all), toBits(concat(again)));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the spool file is deleted on close");
        }
    }

    @Test
    void nothingGivenReplaysNothingAndMakesNoFile() throws IOException {
        try (SampleSpool s = new SampleSpool(dir)) {
            assertTrue(s.complete());
            List<float[]> back = new ArrayList<>();
            s.replay(back::add);
            assertTrue(back.isEmpty());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aFolderThatCannotBeWrittenLeavesTheSpoolIncomplete() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x"); // unwritable as a folder, even as root
        try (SampleSpool s = new SampleSpool(notAFolder)) {
            s.add(new float[] {1, 2, 3});
            assertFalse(s.complete());
            assertThrows(IllegalStateException.class, () -> s.replay(x -> { }));
        }
    }

    private static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static int[] toBits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
        return b;
    }
}
