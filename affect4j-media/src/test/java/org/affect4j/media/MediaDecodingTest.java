package org.affect4j.media;

import org.affect4j.data.Images;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MediaDecodingTest {
    @TempDir
    Path tmp;

    private static Path cremaClip() {
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null, "shared data folder not found: set AFFECT4J_DATA to run media tests on real clips");
        Path clip = data.resolve("crema-d/1001_DFA_HAP_XX.flv");
        assumeTrue(Files.isRegularFile(clip), "CREMA-D clip missing: " + clip);
        return clip;
    }

    @Test
    void decodesRealClipAtNativeRate() throws IOException {
        Path clip = cremaClip();
        int n = 0;
        double fps;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(clip)) {
            fps = v.frameRate();
            assertEquals(480, v.width());
            assertEquals(360, v.height());
            VideoFrame f;
            while ((f = v.next()) != null) {
                assertEquals(n, f.index());
                assertEquals(n / fps, f.timeSeconds(), 1e-9);
                assertEquals(480 * 360 * 3, f.image().rgb().length);
                n++;
            }
        }
        assertTrue(fps > 20 && fps < 40, "frame rate " + fps);
        float[] audio = AudioDecoder.decode(clip);
        double audioSeconds = audio.length / (double) AudioDecoder.SAMPLE_RATE;
        // CREMA-D clips last 1.87-2.34 s; video and audio durations agree to a frame or two
        assertTrue(audioSeconds > 1.5 && audioSeconds < 2.6, "audio seconds " + audioSeconds);
        assertEquals(audioSeconds, n / fps, 0.15);
        float peak = 0;
        for (float s : audio) peak = Math.max(peak, Math.abs(s));
        assertTrue(peak > 0.05 && peak <= 1.0, "speech should be audible, peak " + peak);
    }

    @Test
    void decodesNarrowVideosWhoseRowsArePadded() throws Exception {
        // 96 px RGB24 rows are padded to a stride JavaCV reads as 4 channels; the pixels must still come out right
        Path video = tmp.resolve("narrow.mp4");
        var picture = new java.awt.image.BufferedImage(96, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        var g = picture.createGraphics();
        g.setColor(new java.awt.Color(200, 40, 90));
        g.fillRect(0, 0, 96, 64);
        g.dispose();
        try (var conv = new org.bytedeco.javacv.Java2DFrameConverter();
             var r = new org.bytedeco.javacv.FFmpegFrameRecorder(video.toFile(), 96, 64)) {
            r.setFormat("mp4");
            r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setFrameRate(30);
            r.start();
            var frame = conv.convert(picture);
            for (int i = 0; i < 10; i++) r.record(frame);
            r.stop();
        }
        int n = 0;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(video)) {
            VideoFrame f;
            while ((f = v.next()) != null) {
                byte[] rgb = f.image().rgb();
                assertEquals(96 * 64 * 3, rgb.length);
                int centre = (32 * 96 + 48) * 3;
                assertEquals(200, rgb[centre] & 0xff, 12);
                assertEquals(40, rgb[centre + 1] & 0xff, 12);
                assertEquals(90, rgb[centre + 2] & 0xff, 12);
                n++;
            }
        }
        assertEquals(10, n);
    }

    @Test
    void decodesFlacAudio() {
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null, "shared data folder not found");
        Path flac = data.resolve("ravdess/03-01-01-01-01-01-01.flac");
        assumeTrue(Files.isRegularFile(flac));
        float[] a = AudioDecoder.decode(flac);
        assertTrue(a.length > 16000 * 2.5 && a.length < 16000 * 5.5, "samples " + a.length);
        assertFalse(FFmpegVideoSourceTestSupport.opensAsVideo(flac), "a flac file has no video stream");
    }

    @Test
    void badFilesGiveOneLineMessages() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.mp4"));
        MediaException e1 = assertThrows(MediaException.class, () -> FFmpegVideoSource.open(empty));
        assertTrue(e1.getMessage().contains("is empty"), e1.getMessage());
        Path text = Files.writeString(tmp.resolve("notes.mp4"), "this is not a video\n".repeat(50));
        MediaException e2 = assertThrows(MediaException.class, () -> FFmpegVideoSource.open(text));
        assertTrue(e2.getMessage().contains("not a readable media file"), e2.getMessage());
        assertFalse(e2.getMessage().contains("\n"));
        assertThrows(MediaException.class, () -> FFmpegVideoSource.open(tmp.resolve("missing.mp4")));
        assertThrows(MediaException.class, () -> AudioDecoder.decode(text));
    }

    @Test
    void numberedFrameFolderMarksGaps() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cropped_aligned/vid_left"));
        var img = new org.affect4j.data.RgbImage(4, 3, new byte[4 * 3 * 3]);
        Images.write(img, dir.resolve("00001.png"));
        Images.write(img, dir.resolve("00003.png"));
        try (ImageFolderSource s = ImageFolderSource.open(dir, 30, 5)) {
            assertEquals(5, s.declaredFrameCount());
            assertNotNull(s.next().image());
            assertNull(s.next().image());
            VideoFrame third = s.next();
            assertEquals(2, third.index());
            assertNotNull(third.image());
            assertNull(s.next().image());
            assertNull(s.next().image());
            assertNull(s.next());
        }
    }
}
