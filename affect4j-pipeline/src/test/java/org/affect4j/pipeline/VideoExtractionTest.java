package org.affect4j.pipeline;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.audio.VideoAudioFeatures;
import org.affect4j.media.MediaException;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VideoExtractionTest {
    @TempDir
    Path tmp;

    private static Path crema(String clip) {
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null, "shared data folder not found: set AFFECT4J_DATA to run extraction on real clips");
        Path p = data.resolve("crema-d").resolve(clip);
        assumeTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    @Test
    void facesEveryThirdFrameInterpolateTheBoxAndTheEmbeddingInBetween() throws Exception {
        MediaInput in = MediaInput.resolve(crema("1001_DFA_HAP_XX.flv")).get(0);
        FeatureStore all = new FeatureStore(tmp.resolve("all")), third = new FeatureStore(tmp.resolve("third"));
        try (VideoExtraction x = new VideoExtraction(all, ExtractionOptions.builder(List.of("mobilefacenet"))
                .threads(2).batch(16).build())) {
            x.extract(in, ExtractionListener.NONE);
        }
        // batches of 16, not a multiple of 3: frames wait for a key frame of the next batch
        try (VideoExtraction x = new VideoExtraction(third, ExtractionOptions.builder(List.of("mobilefacenet"))
                .threads(2).batch(16).faceEvery(3).build())) {
            x.extract(in, ExtractionListener.NONE);
        }
        FeatureMatrix a = all.get("mobilefacenet", in.name()), b = third.get("mobilefacenet", in.name());
        FeatureMatrix boxA = all.get(VideoExtraction.FACE_BOX, in.name()), boxB = third.get(VideoExtraction.FACE_BOX, in.name());
        assertEquals(a.rows(), b.rows());
        int n = a.rows(), lastKey = (n - 1) - (n - 1) % 3, between = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(a.isValid(i) && b.isValid(i), "this clip has a face in every frame, frame " + i);
            // frames 0, 3, 6, ... are detected and embedded; the two after each get a box interpolated between the
            // key frames around them and the embedding interpolated by distance; after the last key frame, held
            int before = i - i % 3, after = before + 3;
            if (before == i) {
                assertArrayEquals(boxA.row(i), boxB.row(i), "a key frame keeps its detected box, frame " + i);
                assertArrayEquals(a.row(i), b.row(i), 1e-5f, "a key frame keeps its embedding, frame " + i);
                continue;
            }
            float side = boxA.row(i)[2];
            for (int k = 0; k < 4; k++) assertEquals(boxA.row(i)[k], boxB.row(i)[k], 0.05f * side, "interpolated box, frame " + i);
            float[] expected = a.row(before).clone();
            if (before < lastKey) {
                float t = (i - before) / 3f;
                float[] next = a.row(after);
                for (int j = 0; j < expected.length; j++) expected[j] += (next[j] - expected[j]) * t;
                assertFalse(java.util.Arrays.equals(b.row(i), b.row(before)), "frame " + i + " moves on from its key frame");
                between++;
            }
            assertArrayEquals(expected, b.row(i), 1e-5f, "frame " + i + " between key frames " + before + " and " + after);
        }
        assertTrue(between > n / 2, between + " interpolated frames of " + n);
    }

    @Test
    void aStoreIsNeverMixedAnotherDetectorIsRefusedBeforeAnyRowIsWritten() throws Exception {
        MediaInput in = MediaInput.resolve(crema("1001_DFA_HAP_XX.flv")).get(0);
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.builder(List.of("mobilefacenet")).threads(2).build())) {
            x.extract(in, ExtractionListener.NONE);
        }
        assertEquals("blazeface-cascade", store.requireDescriptor("mobilefacenet").provenance().get("detector"));
        float[] before = store.get("mobilefacenet", in.name()).row(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VideoExtraction(store,
                ExtractionOptions.builder(List.of("mobilefacenet")).detector("haar").threads(2).build()));
        assertTrue(e.getMessage().contains("holds feature 'mobilefacenet' from another extraction (detector blazeface-cascade vs haar)"),
                e.getMessage());
        assertArrayEquals(before, store.get("mobilefacenet", in.name()).row(0));
        assertEquals("blazeface-cascade", store.requireDescriptor("mobilefacenet").provenance().get("detector"));
        // the same settings again: accepted (a rerun resumes)
        new VideoExtraction(store, ExtractionOptions.builder(List.of("mobilefacenet")).threads(2).build()).close();
    }

    @Test
    void realClipGivesFrameAlignedFaceAndVoiceRowsAndResumes() throws Exception {
        Path clip = crema("1001_DFA_ANG_XX.flv");
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        ExtractionOptions opts = ExtractionOptions.builder(List.of("mobilefacenet", "fbank"))
                .crops(tmp.resolve("crops")).threads(2).batch(16).build();
        MediaInput in = MediaInput.resolve(clip).get(0);
        ExtractionResult r;
        try (VideoExtraction x = new VideoExtraction(store, opts)) {
            r = x.extract(in, ExtractionListener.NONE);
        }
        assertEquals(List.of("mobilefacenet", "facebox", "fbank"), r.written());
        FeatureMatrix box = store.get(VideoExtraction.FACE_BOX, in.name());
        assertTrue(box.get(0, 2) > 40 && box.get(0, 2) < 400 && box.get(0, 4) > 0.5, "a face box of plausible width and score");
        assertTrue(r.frames() > 50 && r.frames() < 80, "frames " + r.frames());
        assertEquals(29.97, r.fps(), 0.01);
        FeatureMatrix face = store.get("mobilefacenet", in.name());
        FeatureMatrix voice = store.get("fbank", in.name());
        assertEquals(r.frames(), face.rows());
        assertEquals(r.frames(), voice.rows(), "audio rows sit on video frames");
        assertEquals(192, face.dim());
        assertEquals(80, voice.dim());
        assertTrue(face.validCount() > 0.95 * r.frames(), "a frontal talking face in nearly every frame");
        assertTrue(voice.validCount() > 0.9 * r.frames());
        // analysed beside the pictures (the count known only at their end), the rows are those of a count known first
        try (AudioFeatureExtractor fbank = AudioExtractors.create("fbank")) {
            FeatureMatrix known = VideoAudioFeatures.extract(clip, List.of(fbank), r.frames(), r.fps()).get("fbank");
            assertArrayEquals(known.data(), voice.data());
            assertArrayEquals(known.valid(), voice.valid());
        }
        assertEquals(r.frames(), store.video(in.name()).orElseThrow().frames());
        assertTrue(Files.isRegularFile(tmp.resolve("crops").resolve(in.name()).resolve("00001.jpg")));

        List<String> notes = new ArrayList<>();
        try (VideoExtraction x = new VideoExtraction(store, opts)) {
            ExtractionResult again = x.extract(in, new ExtractionListener() {
                @Override
                public void note(String m) {
                    notes.add(m);
                }
            });
            assertEquals(List.of(), again.written());
            assertEquals(List.of("mobilefacenet", "facebox", "fbank"), again.skipped());
        }
        assertTrue(notes.get(0).contains("already complete"));
    }

    @Test
    void audioOnlyFeaturesOfAVideoSkipTheFaceSearchAndGiveTheSameRows() throws Exception {
        Path clip = crema("1001_DFA_HAP_XX.flv");
        MediaInput in = MediaInput.resolve(clip).get(0);
        FeatureStore withFaces = new FeatureStore(tmp.resolve("with-faces"));
        FeatureStore voiceOnly = new FeatureStore(tmp.resolve("voice-only"));
        try (VideoExtraction x = new VideoExtraction(withFaces, ExtractionOptions.builder(List.of("faceapi-expr", "egemaps"))
                .threads(2).batch(16).build())) {
            x.extract(in, ExtractionListener.NONE);
        }
        ExtractionResult r;
        try (VideoExtraction x = new VideoExtraction(voiceOnly, ExtractionOptions.builder(List.of("egemaps"))
                .threads(2).batch(16).build())) {
            r = x.extract(in, ExtractionListener.NONE);
        }
        assertEquals(List.of("egemaps"), r.written());
        assertEquals(-1, r.faceFrames(), "no face search when only audio features are asked for");
        assertEquals(withFaces.video(in.name()).orElseThrow().frames(), r.frames());
        FeatureMatrix a = withFaces.get("egemaps", in.name()), b = voiceOnly.get("egemaps", in.name());
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(a.valid(), b.valid());
    }

    @Test
    void videoWithoutFaceOrAudioStillWritesInvalidRows() throws Exception {
        Path v = TestVideos.faceless(tmp.resolve("grey.mp4"), 12, 25);
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        List<String> notes = new ArrayList<>();
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.of(List.of("mobilefacenet", "fbank"), 1))) {
            ExtractionResult r = x.extract(MediaInput.resolve(v).get(0), new ExtractionListener() {
                @Override
                public void note(String m) {
                    notes.add(m);
                }
            });
            assertEquals(12, r.frames());
            assertEquals(0, r.faceFrames());
            assertEquals(0, r.audioRows());
        }
        assertEquals(0, store.get("mobilefacenet", "grey").validCount());
        assertEquals(12, store.get("fbank", "grey").rows());
        assertEquals(0, store.get("fbank", "grey").validCount());
        assertTrue(notes.stream().anyMatch(n -> n.contains("no face found")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("no audio track")), notes.toString());

        // streamed (predict's path): the same rows, the soundtrack's invalid ones in the store before the first frame
        FeatureStore streamed = new FeatureStore(tmp.resolve("streamed"));
        List<Integer> fbankRowsAtFrame = new ArrayList<>();
        try (VideoExtraction x = new VideoExtraction(streamed, ExtractionOptions.of(List.of("mobilefacenet", "fbank"), 1))) {
            ExtractionResult r = x.stream(MediaInput.resolve(v).get(0), ExtractionListener.NONE,
                    (face, rows) -> fbankRowsAtFrame.add(streamed.get("fbank", "grey").rows()));
            assertEquals(12, r.frames());
            assertEquals(0, r.audioRows());
        }
        assertEquals(java.util.Collections.nCopies(12, 12), fbankRowsAtFrame);
        assertEquals(0, streamed.get("fbank", "grey").validCount());
    }

    @Test
    void badInputsFailCleanlyAndWriteNothing() throws Exception {
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        Path text = Files.writeString(tmp.resolve("text.mp4"), "hello\n".repeat(100));
        assertThrows(MediaException.class, () -> MediaInput.resolve(empty));
        assertThrows(MediaException.class, () -> MediaInput.resolve(tmp.resolve("missing.mp4")));
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.of(List.of("fbank"), 1))) {
            MediaException e = assertThrows(MediaException.class, () -> x.extract(MediaInput.resolve(text).get(0), ExtractionListener.NONE));
            assertTrue(e.getMessage().contains("not a readable media file"), e.getMessage());
        }
        assertFalse(store.has("fbank", "text"));
        assertThrows(IllegalArgumentException.class, () -> new VideoExtraction(store, ExtractionOptions.of(List.of("nosuchfeature"), 1)));
    }

    @Test
    void oneFrameAndTruncatedVideosAreHandled() throws Exception {
        FeatureStore store = new FeatureStore(tmp.resolve("store"));
        Path one = TestVideos.faceless(tmp.resolve("one.mp4"), 1, 25);
        byte[] full = Files.readAllBytes(crema("1001_DFA_SAD_XX.flv"));
        Path cut = Files.write(tmp.resolve("cut.flv"), java.util.Arrays.copyOf(full, full.length / 3));
        try (VideoExtraction x = new VideoExtraction(store, ExtractionOptions.of(List.of("mobilefacenet", "fbank"), 1))) {
            assertEquals(1, x.extract(MediaInput.resolve(one).get(0), ExtractionListener.NONE).frames());
            // a truncated file decodes as far as it goes: fewer frames, all rows consistent, or one clear error
            try {
                ExtractionResult r = x.extract(MediaInput.resolve(cut).get(0), ExtractionListener.NONE);
                assertTrue(r.frames() > 0 && r.frames() < 60, "frames " + r.frames());
                assertEquals(r.frames(), store.get("mobilefacenet", "cut").rows());
                assertEquals(r.frames(), store.get("fbank", "cut").rows());
            } catch (MediaException e) {
                assertFalse(store.has("mobilefacenet", "cut"));
                assertFalse(e.getMessage().contains("\n"));
            }
        }
        assertEquals(1, store.get("fbank", "one").rows());
    }
}
