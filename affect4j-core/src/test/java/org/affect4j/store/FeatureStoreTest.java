package org.affect4j.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class FeatureStoreTest {
    @TempDir
    Path dir;

    private FeatureStore storeWith(String feature, int dim) {
        FeatureStore s = new FeatureStore(dir);
        s.putDescriptor(new FeatureDescriptor(feature, dim, 0, "test", "1", Map.of("k", "v")));
        return s;
    }

    @Test
    void aDamagedDescriptorIsReportedInTheFilesTermsNotTheReadersClasses() throws IOException {
        FeatureStore s = storeWith("fbank", 2);
        Path f = dir.resolve("fbank/feature.json");
        String whole = Files.readString(f);
        Files.writeString(f, whole.substring(0, whole.length() / 2));
        assertEquals("cannot read feature descriptor " + f + ": JSON that ends early",
                assertThrows(java.io.UncheckedIOException.class, () -> s.descriptor("fbank")).getMessage());
        Files.writeString(f, whole.replace("\"dim\"", "\"dimension\""));
        String m = assertThrows(java.io.UncheckedIOException.class, () -> s.descriptor("fbank")).getMessage();
        assertFalse(m.contains("org.affect4j"), m);
        Files.writeString(f, "not json");
        assertEquals("cannot read feature descriptor " + f + ": not JSON",
                assertThrows(java.io.UncheckedIOException.class, () -> s.descriptor("fbank")).getMessage());
    }

    @Test
    void roundTripsMatrixMaskAndDescriptor() {
        FeatureStore s = storeWith("faceres", 3);
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        boolean[] valid = {true, false, true, true};
        assertFalse(s.has("faceres", "vid_left"));
        s.put("faceres", "vid_left", new FeatureMatrix(4, 3, data, valid));
        assertTrue(s.has("faceres", "vid_left"));
        FeatureMatrix m = s.get("faceres", "vid_left");
        assertArrayEquals(data, m.data());
        assertArrayEquals(valid, m.valid());
        assertEquals(List.of("faceres"), s.features());
        assertEquals(List.of("vid_left"), s.videos("faceres"));
        assertEquals("v", s.requireDescriptor("faceres").provenance().get("k"));
        s.putVideo(new VideoInfo("vid_left", 4, 29.97, "vid.mp4"));
        assertEquals(29.97, s.video("vid_left").orElseThrow().fps());
    }

    @Test
    void nearestFillTakesClosestValidFrameTiesToEarlier() {
        boolean[] valid = {false, true, false, false, true, false};
        int[] src = NearestFill.sourceRows(valid);
        assertArrayEquals(new int[] {1, 1, 1, 4, 4, 4}, src); // frame 2: distance 1 vs 2; frame 3: 2 vs 1
        boolean[] tie = {true, false, true};
        assertArrayEquals(new int[] {0, 0, 2}, NearestFill.sourceRows(tie));
        assertArrayEquals(new int[] {-1, -1}, NearestFill.sourceRows(new boolean[2]));
        FeatureMatrix m = new FeatureMatrix(3, 1, new float[] {5, 0, 7}, tie).nearestFilled();
        assertArrayEquals(new float[] {5, 5, 7}, m.data());
        assertFalse(m.isValid(1), "filling keeps the mask");
    }

    @Test
    void writesNumpyCompatibleHeaders() throws IOException {
        FeatureStore s = storeWith("fbank", 2);
        s.put("fbank", "a", FeatureMatrix.of(3, 2, new float[6]));
        byte[] bytes = Files.readAllBytes(dir.resolve("fbank/a.npy"));
        String header = new String(bytes, 10, 80, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header);
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "numpy aligns data to 64 bytes");
        assertEquals(10 + headerLen + 6 * 4, bytes.length);
        byte[] mask = Files.readAllBytes(dir.resolve("fbank/a.mask.npy"));
        assertTrue(new String(mask, 10, 60, java.nio.charset.StandardCharsets.US_ASCII).contains("'shape': (3,)"));
    }

    @Test
    void rejectsBadWritesAndLeavesNoPartialFiles() throws IOException {
        FeatureStore s = storeWith("f", 2);
        assertThrows(IllegalArgumentException.class, () -> s.put("f", "v", FeatureMatrix.of(1, 3, new float[3])));
        assertThrows(IllegalArgumentException.class, () -> s.put("f", "v", FeatureMatrix.of(1, 2, new float[] {1, Float.NaN})));
        assertThrows(IllegalArgumentException.class, () -> s.put("nope", "v", FeatureMatrix.of(1, 2, new float[2])));
        assertThrows(IllegalArgumentException.class, () -> s.put("f", "../escape", FeatureMatrix.of(1, 2, new float[2])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get("other", "v"));
        assertTrue(e.getMessage().contains("the store"), e.getMessage());
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of("feature.json"), files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void manyConcurrentReadersAndWritersSeeCompleteFiles() throws Exception {
        FeatureStore s = storeWith("f", 64);
        float[] data = new float[500 * 64];
        for (int i = 0; i < data.length; i++) data[i] = i;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 20; w++) {
                fs.add(pool.submit(() -> s.put("f", "v", FeatureMatrix.of(500, 64, data))));
                fs.add(pool.submit(() -> {
                    if (s.has("f", "v")) assertArrayEquals(data, s.get("f", "v").data());
                }));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            pool.shutdown();
        }
        try (Stream<Path> files = Files.list(dir.resolve("f"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void npyReaderRejectsGarbage() throws IOException {
        Path p = Files.writeString(dir.resolve("x.npy"), "not numpy at all");
        try (InputStream in = Files.newInputStream(p)) {
            IOException e = assertThrows(IOException.class, () -> Npy.readFloat2d(in, new int[2], p.toString()));
            assertTrue(e.getMessage().contains("not a .npy"));
        }
    }

    @Test
    void streamingWriterEqualsWholeMatrixWriteAndAbandonsCleanly() throws IOException {
        FeatureStore s = storeWith("f", 3);
        float[] data = new float[1234 * 3];
        boolean[] valid = new boolean[1234];
        for (int i = 0; i < data.length; i++) data[i] = i * 0.5f;
        for (int i = 0; i < valid.length; i++) valid[i] = i % 7 != 0;
        try (MatrixWriter w = s.writer("f", "streamed")) {
            for (int r = 0; r < 1234; r++) w.append(java.util.Arrays.copyOfRange(data, r * 3, r * 3 + 3), valid[r]);
            assertFalse(s.has("f", "streamed"), "nothing visible before commit");
            w.commit();
        }
        s.put("f", "whole", new FeatureMatrix(1234, 3, data, valid));
        assertArrayEquals(Files.readAllBytes(dir.resolve("f/whole.npy")), Files.readAllBytes(dir.resolve("f/streamed.npy")),
                "byte-identical to a whole-matrix write, header included");
        assertArrayEquals(valid, s.get("f", "streamed").valid());
        try (MatrixWriter w = s.writer("f", "abandoned")) {
            w.append(new float[3], true);
        }
        assertFalse(s.has("f", "abandoned"));
        try (Stream<Path> files = Files.list(dir.resolve("f"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void aStreamThatRanPastItsEndKeepsItsFirstRows() throws IOException {
        FeatureStore s = storeWith("f", 2);
        float[] data = new float[700 * 2];
        boolean[] valid = new boolean[700];
        for (int i = 0; i < data.length; i++) data[i] = i * 0.25f;
        for (int i = 0; i < valid.length; i++) valid[i] = i % 3 != 0;
        try (MatrixWriter w = s.writer("f", "cut")) {
            for (int r = 0; r < 700; r++) w.append(java.util.Arrays.copyOfRange(data, r * 2, r * 2 + 2), valid[r]);
            assertThrows(IllegalArgumentException.class, () -> w.commit(701));
            w.commit(650);
        }
        s.put("f", "whole", new FeatureMatrix(650, 2, java.util.Arrays.copyOf(data, 1300), java.util.Arrays.copyOf(valid, 650)));
        assertArrayEquals(Files.readAllBytes(dir.resolve("f/whole.npy")), Files.readAllBytes(dir.resolve("f/cut.npy")),
                "byte-identical to a whole write of the kept rows, header included");
        assertArrayEquals(Files.readAllBytes(dir.resolve("f/whole.mask.npy")), Files.readAllBytes(dir.resolve("f/cut.mask.npy")));
        StoreVerification.Result r = StoreVerification.verify(s);
        assertTrue(r.ok(), "the manifest describes the kept rows: " + r.problems());
    }
}
