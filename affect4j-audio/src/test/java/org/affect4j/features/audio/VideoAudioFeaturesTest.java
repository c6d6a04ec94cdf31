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
}
