package org.affect4j.predict;

import org.affect4j.pipeline.ExtractionListener;
import org.affect4j.pipeline.MediaInput;
import org.affect4j.util.Locations;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Streamed frames ({@code frames}, {@code forEachFrame}, and {@code predict}, which streams videos) are exactly the
 * frames of the whole computation, on the example clip and on a clip made of four CREMA-D clips one after the
 * other; {@code -Daffect4j.stream.clip=FILE} adds a clip of your own (bench/stream-memory.sh gives the 60 s one).
 */
class StreamingTest {
    @TempDir
    Path tmp;

    private static Path root() {
        return Path.of(System.getProperty("affect4j.root", ".."));
    }

    @Test
    void streamedFramesAreTheWholeComputation() throws Exception {
        Path hap = root().resolve("examples/1001_DFA_HAP_XX.flv");
        assumeTrue(Files.isRegularFile(hap), "example clip not found at " + hap);
        List<Path> clips = new ArrayList<>(List.of(hap));
        Path crema = cremaD(tmp, 1);
        if (crema != null) clips.add(crema);
        String extra = System.getProperty("affect4j.stream.clip", "");
        if (!extra.isEmpty()) clips.add(Path.of(extra));
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).build();
             PredictSession whole = new PredictSession(r.model(), r.model(), 2, 0)) {
            for (Path clip : clips) {
                ExpressionTrack ref = whole.predictWhole(MediaInput.resolve(clip).get(0), ExtractionListener.NONE);
                assertTrue(ref.frames() > whole.delayFrames(ref.fps()), clip + " is longer than the delay");
                List<FrameExpression> streamed;
                try (Stream<FrameExpression> s = r.frames(clip)) {
                    streamed = s.toList();
                }
                assertEquals(ref.frames(), streamed.size(), clip.toString());
                for (int i = 0; i < ref.frames(); i++) assertSame(ref.frame(i), streamed.get(i), clip + " frame " + i);
                if (clip == hap) {
                    int[] n = {0};
                    assertEquals(ref.frames(), r.forEachFrame(clip, f -> assertSame(ref.frame(n[0]++), f, clip + " callback")));
                }

                // predict streams a video too, and its track for the report is the whole computation's
                ExpressionTrack t = r.predict(clip);
                assertEquals(ref.predictions(), t.predictions());
                assertArrayEquals(ref.faceFound(), t.faceFound());
                assertArrayEquals(ref.speech(), t.speech());
                assertArrayEquals(ref.faceBoxes(), t.faceBoxes());
                assertArrayEquals(ref.faceDetails().scores(), t.faceDetails().scores());
                assertArrayEquals(ref.faceDetails().keypoints(), t.faceDetails().keypoints());
                assertArrayEquals(ref.faceDetails().faces(), t.faceDetails().faces());
                assertArrayEquals(ref.faceDetails().trackIds(), t.faceDetails().trackIds());
                assertEquals(ref.modalities(), t.modalities());
                assertEquals(ref.cropSamples().size(), t.cropSamples().size());
                assertTrue(ref.predictions().labelledFrames() > 0 && ref.speech().length > 0);
            }
        }
    }

    @Test
    void aVoiceEncoderOnWholeRecordingStatisticsStreamsToo() throws Exception {
        // 'standardise' needs the whole soundtrack's statistics, so the encoder reads the whole matrix (the default
        // model's 'centre' reads mapped rows segment by segment): both must give the whole computation's frames
        Path hap = root().resolve("examples/1001_DFA_HAP_XX.flv");
        assumeTrue(Files.isRegularFile(hap), "example clip not found at " + hap);
        LateFusionModel.Spec s = ExpressionModels.shipped().spec();
        LateFusionModel.Audio a = s.audio();
        LateFusionModel m = new LateFusionModel(new LateFusionModel.Spec(s.format(), "standardised", s.description(),
                s.visual(), new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(), a.halfWindowSeconds(),
                "standardise", a.head(), a.functionals(), a.span(), a.encoder()), s.visualWeight(), s.audioWeight(),
                s.smoothingSeconds(), s.otherThreshold()));
        assumeTrue(a.encoder() != null, "the default model's voice branch is not an encoder");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().model(m).threads(2).build();
             PredictSession whole = new PredictSession(m, m, 2, 0)) {
            ExpressionTrack ref = whole.predictWhole(MediaInput.resolve(hap).get(0), ExtractionListener.NONE);
            List<FrameExpression> streamed;
            try (Stream<FrameExpression> st = r.frames(hap)) {
                streamed = st.toList();
            }
            assertEquals(ref.frames(), streamed.size());
            for (int i = 0; i < ref.frames(); i++) assertSame(ref.frame(i), streamed.get(i), "frame " + i);
        }
    }

    /** Four CREMA-D clips of the data folder one after the other (~8 s), or null without them. */
    private static Path cremaD(Path tmp, int rounds) throws Exception {
        Path dir = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("StreamingTest: no CREMA-D clips in the data folder (AFFECT4J_DATA), the longer clip is not used");
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            // four clips (~250 frames): several batches of 32 and many times the delay, and quick
            List<Path> parts = s.filter(p -> p.toString().endsWith(".flv")).sorted().limit(4).toList();
            if (parts.size() < 3) return null;
            List<Path> all = new ArrayList<>();
            for (int k = 0; k < rounds; k++) all.addAll(parts);
            return concat(all, tmp.resolve("crema-d-" + parts.size() + "x" + rounds + ".mp4"));
        }
    }

    private static void assertSame(FrameExpression want, FrameExpression got, String what) {
        assertEquals(want.index(), got.index(), what);
        assertEquals(want.timeSeconds(), got.timeSeconds(), 0, what);
        assertEquals(want.label(), got.label(), what);
        assertArrayEquals(want.probabilities(), got.probabilities(), 0, what);
        assertEquals(want.face(), got.face(), what);
        assertArrayEquals(want.faceBox(), got.faceBox(), 0, what);
        assertEquals(want.faceScore(), got.faceScore(), 0, what);
        assertEquals(want.speech(), got.speech(), what);
    }

    @Test
    void closingTheStreamEarlyClosesTheDecoderAndFreesTheWorker() throws Exception {
        Path hap = root().resolve("examples/1001_DFA_HAP_XX.flv");
        assumeTrue(Files.isRegularFile(hap), "example clip not found at " + hap);
        // four rounds of the clips (~1,000 frames): far more than is read ahead while the first frames wait for the voice
        Path crema = cremaD(tmp, 4);
        assumeTrue(crema != null, "no CREMA-D clips: a clip longer than the frames read ahead is needed");
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).parallelInputs(1).build()) {
            try (Stream<FrameExpression> s = r.frames(crema)) {
                Iterator<FrameExpression> it = s.iterator();
                assertEquals(0, it.next().index());
                assertEquals(1, it.next().index());
                assertTrue(running(FrameStream.THREAD) && running("affect4j-face-crops"), "streaming while read");
            }
            // closed: the producer and the video's decoder thread have stopped
            assertFalse(running(FrameStream.THREAD), "producer stopped");
            assertFalse(running("affect4j-face-crops"), "decoder closed");
            // and the only worker is free again: this would wait forever otherwise
            assertEquals(56, assertTimeoutPreemptively(Duration.ofSeconds(120), () -> r.predict(hap)).frames());
            try (Stream<FrameExpression> s = r.frames(hap)) {
                assertEquals(56, s.filter(f -> f.index() >= 0).count());
            }
        }
    }

    private static boolean running(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
    }

    /** The clips one after the other (video and sound) in one MP4. */
    static Path concat(List<Path> parts, Path out) throws Exception {
        int w, h, channels;
        double fps;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(parts.get(0).toFile())) {
            g.start();
            w = g.getImageWidth();
            h = g.getImageHeight();
            fps = g.getFrameRate();
            channels = g.getAudioChannels();
        }
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), w, h, channels)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setVideoQuality(3);
            rec.setFrameRate(fps);
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(44100);
            rec.start();
            for (Path p : parts) {
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(p.toFile())) {
                    g.setImageWidth(w);
                    g.setImageHeight(h);
                    g.setSampleRate(44100);
                    g.start();
                    Frame f;
                    while ((f = g.grab()) != null) rec.record(f);
                }
            }
            rec.stop();
        }
        return out;
    }
}
