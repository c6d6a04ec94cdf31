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
    void skippedFramesCountAndLeaveTheOthersPicturesAsAFullDecodeGivesThem() throws IOException {
        Path clip = cremaClip();
        java.util.List<byte[]> all = new java.util.ArrayList<>();
        try (FFmpegVideoSource v = FFmpegVideoSource.open(clip)) {
            VideoFrame f;
            while ((f = v.next()) != null) all.add(f.image().rgb());
        }
        int n = 0, pictures = 0;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(clip)) {
            while (true) {
                if (n % 4 != 0) { // three of four frames only decoded, as the face search's non-key frames
                    if (!v.skip()) break;
                    n++;
                    continue;
                }
                VideoFrame f = v.next();
                if (f == null) break;
                assertEquals(n, f.index(), "a skipped frame counts");
                assertArrayEquals(all.get(n), f.image().rgb(), "frame " + n);
                pictures++;
                n++;
            }
        }
        assertEquals(all.size(), n, "every frame decoded once");
        assertEquals((all.size() + 3) / 4, pictures);
    }

    @Test
    void smallPicturesDecodeOnOneThreadToThePicturesFrameThreadsGive() throws Exception {
        // the CREMA-D clip's frames as MPEG-4 Part 2, a codec FFmpeg decodes with frame threads (its VP6 has none)
        Path clip = tmp.resolve("sd.mp4");
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(cremaClip().toFile())) {
            g.start();
            try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(clip.toFile(), 480, 360, 0)) {
                r.setFrameRate(g.getFrameRate());
                r.setFormat("mp4");
                r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4);
                r.start();
                org.bytedeco.javacv.Frame f;
                while ((f = g.grabImage()) != null) r.record(f);
            }
        }
        java.util.List<byte[]> threaded = new java.util.ArrayList<>();
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(clip.toFile())) {
            g.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24);
            g.start();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) threaded.add(FFmpegVideoSource.toRgb(f).rgb());
        }
        assertTrue(threaded.size() > 50, "frames " + threaded.size());
        int n = 0;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(clip)) {
            VideoFrame f;
            while ((f = v.next()) != null) {
                if (n == 5) assertEquals(java.util.List.of(), decoderThreads(), "480x360: no frame threads");
                assertArrayEquals(threaded.get(n++), f.image().rgb(), "frame " + n);
            }
        }
        assertEquals(threaded.size(), n);
    }

    /** This process's FFmpeg frame-decoding threads (Linux names them av:CODEC:dfN), or an empty list. */
    private static java.util.List<String> decoderThreads() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        assumeTrue(Files.isDirectory(tasks), "no /proc to list threads");
        java.util.List<String> names = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    if (comm.startsWith("av:") && comm.contains(":df")) names.add(comm);
                } catch (IOException gone) {
                    // a thread that ended while listed
                }
            }
        }
        return names;
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

    /** {@code im} turned a quarter clockwise, written out pixel by pixel (independent of {@code Orientation}). */
    private static org.affect4j.data.RgbImage clockwise(org.affect4j.data.RgbImage im) {
        int w = im.width(), h = im.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) System.arraycopy(im.rgb(), (y * w + x) * 3, out, (x * h + (h - 1 - y)) * 3, 3);
        return new org.affect4j.data.RgbImage(h, w, out);
    }

    /**
     * Writes {@code frames} pictures as near-lossless H.264 in MP4 with a display matrix turning them by {@code ccw}
     * degrees (JavaCV 1.5.13's recorder crashes writing a display matrix with the lossless PNG and FFV1 codecs).
     */
    private static Path turned(Path file, java.util.List<org.affect4j.data.RgbImage> frames, double ccw) throws Exception {
        org.affect4j.data.RgbImage first = frames.get(0);
        try (var r = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), first.width(), first.height())) {
            r.setFormat("mp4");
            r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264);
            r.setVideoOption("crf", "4");
            r.setFrameRate(25);
            if (ccw != 0) r.setDisplayRotation(ccw);
            r.start();
            for (org.affect4j.data.RgbImage im : frames) {
                var f = new org.bytedeco.javacv.Frame(im.width(), im.height(), org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3);
                var b = (java.nio.ByteBuffer) f.image[0];
                for (int y = 0; y < im.height(); y++) {
                    b.position(y * f.imageStride);
                    b.put(im.rgb(), y * im.width() * 3, im.width() * 3);
                }
                b.rewind();
                r.record(f, org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24);
            }
            r.stop();
        }
        return file;
    }

    private static double meanAbsDiff(byte[] a, byte[] b) {
        long s = 0;
        for (int i = 0; i < a.length; i++) s += Math.abs((a[i] & 255) - (b[i] & 255));
        return (double) s / a.length;
    }

    @Test
    void portraitVideoStoredOnItsSideComesOutAsPlayersShowIt() throws Exception {
        // frames of a real clip, shown upright; stored turned (as a phone stores them) with the display matrix that
        // FFmpeg's convention gives them (counter-clockwise degrees to turn the stored picture by to show it)
        java.util.List<org.affect4j.data.RgbImage> upright = new java.util.ArrayList<>();
        try (FFmpegVideoSource v = FFmpegVideoSource.open(cremaClip())) {
            for (int i = 0; i < 3; i++) upright.add(v.next().image());
        }
        java.util.List<org.affect4j.data.RgbImage> cw = upright.stream().map(MediaDecodingTest::clockwise).toList();
        java.util.List<org.affect4j.data.RgbImage> half = cw.stream().map(MediaDecodingTest::clockwise).toList();
        java.util.List<org.affect4j.data.RgbImage> ccw = half.stream().map(MediaDecodingTest::clockwise).toList();
        Object[][] cases = {{"as stored", upright, 0.0}, {"stored a quarter clockwise", cw, 90.0},
                {"stored upside down", half, 180.0}, {"stored a quarter anticlockwise", ccw, -90.0}};
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Path video = turned(tmp.resolve("turned" + c[2] + ".mp4"), (java.util.List<org.affect4j.data.RgbImage>) c[1], (double) c[2]);
            try (FFmpegVideoSource v = FFmpegVideoSource.open(video)) {
                assertEquals(480, v.width(), c[0] + ": width as shown");
                assertEquals(360, v.height(), c[0] + ": height as shown");
                for (org.affect4j.data.RgbImage want : upright) {
                    byte[] got = v.next().image().rgb();
                    assertEquals(want.rgb().length, got.length);
                    assertTrue(meanAbsDiff(want.rgb(), got) < 3, c[0] + ": the upright picture (up to coding loss), "
                            + meanAbsDiff(want.rgb(), got));
                    assertTrue(meanAbsDiff(half.get(0).rgb(), got) > 20, c[0] + ": not the picture upside down");
                }
                assertNull(v.next());
            }
        }
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
    void aRecordingIsRequiredToHoldSoundBeforeItsProgressStarts() throws IOException {
        // a valid WAV header (16 kHz mono, 16-bit) and no samples
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(0);
        Path silent = Files.write(tmp.resolve("header-only.wav"), h.array());
        MediaException e = assertThrows(MediaException.class, () -> AudioDecoder.requireAudio(silent));
        assertEquals(silent + " holds no sound (0 samples)", e.getMessage());
        // one sample is sound
        h.putInt(40, 2).putInt(4, 38);
        Path one = Files.write(tmp.resolve("one-sample.wav"), java.util.Arrays.copyOf(h.array(), 46));
        AudioDecoder.requireAudio(one);
        Path data = Locations.data().orElse(null);
        assumeTrue(data != null, "shared data folder not found");
        Path flac = data.resolve("ravdess/03-01-01-01-01-01-01.flac");
        assumeTrue(Files.isRegularFile(flac));
        AudioDecoder.requireAudio(flac);
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
