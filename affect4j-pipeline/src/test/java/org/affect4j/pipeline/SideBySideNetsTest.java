package org.affect4j.pipeline;

import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SideBySideNetsTest {
    @Test
    void realNetworksOnOneThreadEachSideBySideGiveTheRowsOfEachOnTwoThreads() {
        List<RgbImage> crops = crops(5);
        List<FrameFeatureExtractor> single = new ArrayList<>(), alone = new ArrayList<>();
        try {
            for (String n : List.of("faceapi-expr", "mobilefacenet")) {
                single.add(VisualExtractors.create(n, SideBySideNets.threadsPerNet(2, 2)));
                alone.add(VisualExtractors.create(n, 2));
            }
            try (SideBySideNets nets = new SideBySideNets(single, 2)) {
                for (int round = 0; round < 3; round++) { // the order changes once times are known: same rows
                    Map<String, float[][]> got = nets.run(crops);
                    for (FrameFeatureExtractor e : alone) {
                        float[][] want = e.extract(crops);
                        assertEquals(want.length, got.get(e.id()).length);
                        for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], got.get(e.id())[i], 1e-6f, e.id() + " crop " + i);
                    }
                }
            }
        } finally {
            single.forEach(FrameFeatureExtractor::close);
            alone.forEach(FrameFeatureExtractor::close);
        }
        assertEquals(2, SideBySideNets.threadsPerNet(1, 2), "a network alone keeps every thread");
    }

    @Test
    void theSlowestNetworkRunsBesideTheOthersAndAFailureReachesTheCaller() {
        Map<String, String> threadOf = new ConcurrentHashMap<>();
        List<FrameFeatureExtractor> fakes = List.of(fake("quick", 1, threadOf), fake("slow", 40, threadOf), fake("quick2", 1, threadOf));
        try (SideBySideNets nets = new SideBySideNets(fakes, 2)) {
            nets.run(crops(1)); // learns the times
            threadOf.clear();
            nets.run(crops(1));
            // longest first: the caller takes "slow", the helper both quick ones meanwhile
            assertNotEquals(threadOf.get("slow"), threadOf.get("quick"));
            assertEquals(threadOf.get("quick"), threadOf.get("quick2"));
        }
        List<FrameFeatureExtractor> failing = List.of(fake("quick", 1, threadOf), new Fake("broken", 1, threadOf) {
            @Override
            public float[][] extract(List<RgbImage> faces) {
                throw new IllegalArgumentException("broken net");
            }
        });
        try (SideBySideNets nets = new SideBySideNets(failing, 2)) {
            assertEquals("broken net", assertThrows(IllegalArgumentException.class, () -> nets.run(crops(1))).getMessage());
        }
    }

    private static List<RgbImage> crops(int n) {
        SplittableRandom rng = new SplittableRandom(11);
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[112 * 112 * 3];
            for (int j = 0; j < rgb.length; j++) rgb[j] = (byte) rng.nextInt(256);
            out.add(new RgbImage(112, 112, rgb));
        }
        return out;
    }

    private static FrameFeatureExtractor fake(String id, int millis, Map<String, String> threadOf) {
        return new Fake(id, millis, threadOf);
    }

    private static class Fake implements FrameFeatureExtractor {
        private final String id;
        private final int millis;
        private final Map<String, String> threadOf;

        Fake(String id, int millis, Map<String, String> threadOf) {
            this.id = id;
            this.millis = millis;
            this.threadOf = threadOf;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[][] extract(List<RgbImage> faces) {
            threadOf.put(id, Thread.currentThread().getName());
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new float[faces.size()][1];
        }

        @Override
        public Map<String, String> provenance() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }
}
