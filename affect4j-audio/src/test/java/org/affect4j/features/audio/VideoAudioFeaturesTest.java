package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VideoAudioFeaturesTest {
    @Test
    void creamdClipAlignedToItsFrames() {
        Path clip = Locations.data().map(d -> d.resolve("crema-d/1001_DFA_ANG_XX.flv")).orElse(null);
        assumeTrue(clip != null && Files.isRegularFile(clip), "CREMA-D clip absent; skipping the video audio test");
        List<AudioFeatureExtractor> ex = List.of(new KaldiFbank(), new EgemapsExtractor(), new CompareExtractor());
        // 2.3 s of video at 30 fps asks for 69 frames; the last frames may lie past the audio
        Map<String, FeatureMatrix> m = VideoAudioFeatures.extract(clip, ex, 69, 30);
        assertEquals(List.of("fbank", "egemaps", "compare"), List.copyOf(m.keySet()));
        for (FeatureMatrix f : m.values()) {
            assertEquals(69, f.rows());
            assertTrue(f.validCount() >= 60, "frames with audio: " + f.validCount());
            assertTrue(TestAudio.allFinite(f.data()));
        }
        assertEquals(80, m.get("fbank").dim());
        assertEquals(130, m.get("compare").dim());
    }

    @Test
    void aFileStreamedInChunksGivesTheRowsOfOnePass() {
        Path clip = Locations.data().map(d -> d.resolve("crema-d/1001_DFA_SAD_XX.flv")).orElse(null);
        assumeTrue(clip != null && Files.isRegularFile(clip), "CREMA-D clip absent; skipping the chunked-file test");
        List<AudioFeatureExtractor> ex = List.of(new KaldiFbank(), new EgemapsExtractor(), new CompareExtractor(), new SileroVad());
        try {
            Map<String, float[][]> whole = streamed(clip, ex, ChunkedExtraction.Chunking.WHOLE);
            // 0.64 s spans (rounded to 2,560-sample units): three cuts in a 2.3 s clip, default 1.6 s margins
            Map<String, float[][]> cut = streamed(clip, ex,
                    new ChunkedExtraction.Chunking(8_000, ChunkedExtraction.Chunking.DEFAULT.margin()));
            for (String id : whole.keySet()) {
                float[][] a = whole.get(id), b = cut.get(id);
                assertEquals(a.length, b.length, id);
                double max = 0;
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) max = Math.max(max, Math.abs(a[i][j] - b[i][j]) / Math.max(1, Math.abs(a[i][j])));
                }
                assertTrue(max <= 1e-3, id + " differs by " + max);
            }
        } finally {
            ex.forEach(AudioFeatureExtractor::close);
        }
    }

    @Test
    void theSecondPassReadsTheFirstPasssSamplesOrDecodesAgainWithTheSameRows(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path clip = Locations.data().map(d -> d.resolve("crema-d/1001_DFA_SAD_XX.flv")).orElse(null);
        assumeTrue(clip != null && Files.isRegularFile(clip), "CREMA-D clip absent; skipping the spool test");
        List<AudioFeatureExtractor> ex = List.of(new KaldiFbank(), new EgemapsExtractor(), new CompareExtractor(), new SileroVad());
        ChunkedExtraction.Chunking c = new ChunkedExtraction.Chunking(8_000, ChunkedExtraction.Chunking.DEFAULT.margin());
        try {
            Map<String, float[][]> kept = streamed(clip, ex, c, dir);
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "the kept samples are deleted after the pass");
            }
            // a spool folder that cannot be written: the second pass decodes the file again
            Map<String, float[][]> decoded = streamed(clip, ex, c, Files.writeString(dir.resolve("not-a-folder"), "x"));
            for (String id : kept.keySet()) {
                float[][] a = kept.get(id), b = decoded.get(id);
                assertEquals(a.length, b.length, id);
                for (int i = 0; i < a.length; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(a[i], b[i], id + " row " + i);
            }
        } finally {
            ex.forEach(AudioFeatureExtractor::close);
        }
    }

    private static Map<String, float[][]> streamed(Path media, List<AudioFeatureExtractor> ex, ChunkedExtraction.Chunking c) {
        return streamed(media, ex, c, null);
    }

    /** Rows (invalid rows as NaN) of every extractor, audio-only at 100 rows/s. */
    private static Map<String, float[][]> streamed(Path media, List<AudioFeatureExtractor> ex, ChunkedExtraction.Chunking c,
                                                   Path spoolFolder) {
        Map<String, List<float[]>> rows = new java.util.LinkedHashMap<>();
        List<FrameAligner.RowSink> sinks = new java.util.ArrayList<>();
        for (AudioFeatureExtractor e : ex) {
            List<float[]> r = new java.util.ArrayList<>();
            rows.put(e.id(), r);
            sinks.add((row, ok) -> r.add(ok ? row : new float[] {Float.NaN}));
        }
        int n = VideoAudioFeatures.stream(media, ex, sinks, -1, 100, c, 2, spoolFolder).rows();
        Map<String, float[][]> out = new java.util.LinkedHashMap<>();
        rows.forEach((id, r) -> {
            assertEquals(n, r.size(), id + " rows");
            out.put(id, r.toArray(new float[0][]));
        });
        return out;
    }

    @Test
    void noAudioTrackGivesInvalidRowsOfTheRightShape() throws java.io.IOException {
        Path dir = Locations.data().map(d -> d.resolve("fer2013/test")).orElse(null);
        assumeTrue(dir != null && Files.isDirectory(dir), "FER2013 images absent; skipping the no-audio test");
        Path image; // a still image opens in FFmpeg as a one-frame video without sound
        try (var files = Files.walk(dir)) {
            image = files.filter(p -> p.toString().endsWith(".jpg")).findFirst().orElseThrow();
        }
        Map<String, FeatureMatrix> m = VideoAudioFeatures.extract(image, List.of(new KaldiFbank()), 5, 25);
        FeatureMatrix f = m.get("fbank");
        assertEquals(5, f.rows());
        assertEquals(80, f.dim());
        assertEquals(0, f.validCount());
    }

    @Test
    void anAudioOnlyInputWithoutSamplesIsBadInput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // a valid WAV header (16 kHz mono, 16-bit) and no samples
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(0);
        Path empty = Files.write(dir.resolve("empty.wav"), h.array());
        for (List<AudioFeatureExtractor> ex : List.of(List.<AudioFeatureExtractor>of(new KaldiFbank()),
                List.<AudioFeatureExtractor>of(new KaldiFbank(), new EgemapsExtractor()))) {
            List<FrameAligner.RowSink> sinks = ex.stream().<FrameAligner.RowSink>map(e -> (row, ok) -> { }).toList();
            org.affect4j.media.MediaException e = org.junit.jupiter.api.Assertions.assertThrows(org.affect4j.media.MediaException.class,
                    () -> VideoAudioFeatures.stream(empty, ex, sinks, -1, 100, ChunkedExtraction.Chunking.DEFAULT, 2));
            assertTrue(e.getMessage().contains("holds no sound"), e.getMessage());
        }
    }
}
