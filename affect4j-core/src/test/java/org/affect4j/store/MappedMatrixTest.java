package org.affect4j.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MappedMatrixTest {
    @TempDir
    Path dir;

    private FeatureStore store(int dim) {
        FeatureStore s = new FeatureStore(dir);
        s.putDescriptor(new FeatureDescriptor("f", dim, 0, "test", "1", Map.of()));
        return s;
    }

    private static void assertSameRows(FeatureMatrix want, MappedMatrix got) {
        assertEquals(want.rows(), got.rows());
        assertEquals(want.dim(), got.dim());
        assertEquals(want.validCount(), got.validCount());
        float[] row = new float[want.dim() + 3];
        for (int r = 0; r < want.rows(); r++) {
            assertEquals(want.isValid(r), got.isValid(r), "mask row " + r);
            got.copyRow(r, row, 3);
            for (int d = 0; d < want.dim(); d++) {
                assertEquals(Float.floatToIntBits(want.get(r, d)), Float.floatToIntBits(row[3 + d]), "row " + r + " col " + d);
            }
        }
    }

    @Test
    void mappedRowsEqualLoadedRowsForBothWriters() {
        FeatureStore s = store(5);
        Random rnd = new Random(3);
        float[] data = new float[37 * 5];
        boolean[] valid = new boolean[37];
        for (int i = 0; i < data.length; i++) data[i] = (float) rnd.nextGaussian();
        for (int r = 0; r < valid.length; r++) valid[r] = rnd.nextInt(4) > 0;
        s.put("f", "whole", new FeatureMatrix(37, 5, data, valid));
        try (MatrixWriter w = s.writer("f", "streamed")) {
            for (int r = 0; r < 37; r++) w.append(java.util.Arrays.copyOfRange(data, r * 5, r * 5 + 5), valid[r]);
            w.commit();
        }
        assertSameRows(s.get("f", "whole"), s.map("f", "whole"));
        assertSameRows(s.get("f", "streamed"), s.map("f", "streamed"));
    }

    @Test
    void largeMatricesAreMappedInChunksOfWholeRows() {
        FeatureStore s = store(3);
        float[] data = new float[10 * 3];
        for (int i = 0; i < data.length; i++) data[i] = i;
        s.put("f", "v", FeatureMatrix.of(10, 3, data));
        Path m = dir.resolve("f/v.npy"), mask = dir.resolve("f/v.mask.npy");
        // 2 rows of 12 bytes per mapping stands in for the 2 GB limit of one MappedByteBuffer
        MappedMatrix small = MappedMatrix.open(m, mask, 28);
        assertEquals(5, small.chunkCount());
        assertSameRows(s.get("f", "v"), small);
        assertEquals(1, s.map("f", "v").chunkCount());
        assertEquals(10, MappedMatrix.open(m, mask, 12).chunkCount());
    }

    @Test
    void anNdArrayMapsAsRowsOfItsTrailingAxesAndInt32LabelsRead() throws Exception {
        // [3, 2, 2, 3] images, as C order: row r holds values r*12 .. r*12+11
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 36; i++) b.putFloat(i);
        Path m = dir.resolve("crops.npy"), mask = dir.resolve("crops.mask.npy"), labels = dir.resolve("labels.npy");
        Files.write(m, concat(Npy.header("<f4", 3, 2, 2, 3), b.array()));
        Files.write(mask, concat(Npy.header("|b1", 3), new byte[] {1, 0, 1}));
        MappedMatrix mm = MappedMatrix.open(m, mask);
        assertEquals(3, mm.rows());
        assertEquals(12, mm.dim());
        assertEquals(2, mm.validCount());
        assertFalse(mm.isValid(1));
        float[] row = new float[12];
        mm.copyRow(2, row, 0);
        assertEquals(24f, row[0]);
        assertEquals(35f, row[11]);
        java.nio.ByteBuffer l = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(-1).putInt(6);
        Files.write(labels, concat(Npy.header("<i4", 3), l.array()));
        try (var in = Files.newInputStream(labels)) {
            assertArrayEquals(new int[] {4, -1, 6}, Npy.readInt1d(in, "labels.npy"));
        }
        try (var in = Files.newInputStream(m)) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> Npy.readInt1d(in, "crops.npy"));
            assertTrue(e.getMessage().contains("expected int32"), e.getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void truncatedOrMissingFilesAreNamed() throws Exception {
        FeatureStore s = store(4);
        s.put("f", "v", FeatureMatrix.of(6, 4, new float[24]));
        Path m = dir.resolve("f/v.npy");
        byte[] all = Files.readAllBytes(m);
        Files.write(m, java.util.Arrays.copyOf(all, all.length - 4));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> s.map("f", "v"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("v.npy"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> s.map("f", "other"));
        assertTrue(missing.getMessage().contains("'other'"), missing.getMessage());
    }

    @Test
    void nearestFillOfARangeEqualsTheWholeVideosFill() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(40);
            boolean[] valid = new boolean[n];
            int density = rnd.nextInt(5);
            for (int r = 0; r < n; r++) valid[r] = rnd.nextInt(5) < density;
            int[] whole = NearestFill.sourceRows(valid);
            int from = rnd.nextInt(n + 1), to = from + rnd.nextInt(n - from + 1);
            int[] part = NearestFill.sourceRows(r -> valid[r], n, from, to);
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, from, to), part, "trial " + trial);
        }
    }
}
