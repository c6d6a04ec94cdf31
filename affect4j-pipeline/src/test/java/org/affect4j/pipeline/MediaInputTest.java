package org.affect4j.pipeline;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaInputTest {
    @TempDir
    Path tmp;

    /** One second of a 440 Hz tone written by FFmpeg in {@code format}, under a name of our choosing. */
    private Path tone(String name, String format, int codec) throws Exception {
        Path file = tmp.resolve(name);
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR); // no banners
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setFormat(format);
            r.setAudioCodec(codec);
            r.setSampleRate(16000);
            r.start();
            ShortBuffer s = ShortBuffer.allocate(16000);
            for (int i = 0; i < 16000; i++) s.put(i, (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
            r.recordSamples(16000, 1, s);
            r.stop();
        }
        return file;
    }

    private static MediaInput.Kind kindOf(Path p) {
        return MediaInput.resolve(p).get(0).kind();
    }

    @Test
    void audioContainersOfEveryCommonExtensionAreAudio() throws Exception {
        assertEquals(MediaInput.Kind.AUDIO, kindOf(tone("a.aiff", "aiff", avcodec.AV_CODEC_ID_PCM_S16BE)));
        assertEquals(MediaInput.Kind.AUDIO, kindOf(tone("a.mka", "matroska", avcodec.AV_CODEC_ID_PCM_S16LE)));
    }

    @Test
    void anAudioOnlyFileInAVideoContainerIsAudio() throws Exception {
        // an audio track saved as .mp4, .webm or .mkv (a voice memo, a podcast, a downloaded soundtrack)
        assertEquals(MediaInput.Kind.AUDIO, kindOf(tone("memo.mp4", "mp4", avcodec.AV_CODEC_ID_AAC)));
        assertEquals(MediaInput.Kind.AUDIO, kindOf(tone("talk.mkv", "matroska", avcodec.AV_CODEC_ID_PCM_S16LE)));
        assertEquals(MediaInput.Kind.VIDEO, kindOf(TestVideos.faceless(tmp.resolve("clip.mp4"), 5, 25)));
    }

    @Test
    void aFileOfAnUnknownExtensionIsOpenedToSeeWhetherItHasPictures() throws Exception {
        assertEquals(MediaInput.Kind.AUDIO, kindOf(tone("recording.snd16", "wav", avcodec.AV_CODEC_ID_PCM_S16LE)));
        Path video = TestVideos.faceless(tmp.resolve("clip.mp4"), 5, 25);
        Path renamed = Files.move(video, tmp.resolve("clip.capture"));
        assertEquals(MediaInput.Kind.VIDEO, kindOf(renamed));
        // a picture under a name that says nothing (the Yale faces are GIFs named subject01.happy; a .dat JPEG)
        BufferedImage face = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(face, "gif", tmp.resolve("subject01.happy").toFile());
        assertEquals(MediaInput.Kind.IMAGE, kindOf(tmp.resolve("subject01.happy")));
        ImageIO.write(face, "jpeg", tmp.resolve("photo.dat").toFile());
        assertEquals(MediaInput.Kind.IMAGE, kindOf(tmp.resolve("photo.dat")));
        // not media at all: a video input, so the video decoder's one-line error names it later
        assertEquals(MediaInput.Kind.VIDEO, kindOf(Files.writeString(tmp.resolve("notes.dat"), "not media")));
    }

    @Test
    void anAnimatedGifIsAVideoAndAStillOneAPicture() throws Exception {
        Path anim = tmp.resolve("reaction.gif");
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(anim.toFile(), 32, 32, 0)) {
            r.setFormat("gif");
            r.setVideoCodec(avcodec.AV_CODEC_ID_GIF);
            r.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB8);
            r.setFrameRate(10);
            r.start();
            try (org.bytedeco.javacv.Java2DFrameConverter c = new org.bytedeco.javacv.Java2DFrameConverter()) {
                for (int i = 0; i < 5; i++) {
                    BufferedImage im = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
                    im.getGraphics().fillRect(i * 4, i * 4, 8, 8);
                    r.record(c.convert(im));
                }
            }
        }
        assertEquals(MediaInput.Kind.VIDEO, kindOf(anim));
        Path still = tmp.resolve("face.gif");
        ImageIO.write(new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY), "gif", still.toFile());
        assertEquals(MediaInput.Kind.IMAGE, kindOf(still));
    }

    @Test
    void picturesJavaDecodesAreImages() throws Exception {
        BufferedImage img = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (String ext : new String[]{"tiff", "tif", "gif", "png", "bmp"}) {
            Path p = tmp.resolve("face." + ext);
            ImageIO.write(img, ext.equals("tif") ? "tiff" : ext, p.toFile());
            assertEquals(MediaInput.Kind.IMAGE, kindOf(p), ext);
        }
    }

    @Test
    void namesAreMadeSafeForTheStoreAndOutputsKeepingAffWild2s() throws Exception {
        assertEquals("my_clip__", MediaInput.nameOf("my clip é"));
        assertEquals("10-60-1280x720", MediaInput.nameOf("10-60-1280x720"));
        assertEquals("video10_1_right", MediaInput.nameOf("video10_1_right"));
        assertEquals("x_hidden", MediaInput.nameOf("_hidden"));
        assertEquals("x", MediaInput.nameOf(""));
        assertEquals("videos_", MediaInput.nameOf("videos"));
        assertEquals("a.mask_", MediaInput.nameOf("a.mask"));
        Path spaced = tone("stereo 48k é.wav", "wav", avcodec.AV_CODEC_ID_PCM_S16LE);
        MediaInput in = MediaInput.resolve(spaced).get(0);
        assertEquals("stereo_48k__", in.name());
        assertEquals(spaced, in.path());
        // the name is a store key the store takes
        new org.affect4j.store.FeatureStore(tmp.resolve("store")).putVideo(new org.affect4j.store.VideoInfo(in.name(), 1, 1, spaced.toString()));
    }

    @Test
    void inputsOfOneNameAreRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("folder"));
        Path wav = tone("a.wav", "wav", avcodec.AV_CODEC_ID_PCM_S16LE);
        Files.copy(wav, dir.resolve("a b.wav"));
        Files.copy(wav, dir.resolve("a.flac.wav")); // named "a.flac"
        java.util.List<MediaInput> fine = MediaInput.resolve(dir);
        assertEquals(java.util.List.of("a_b", "a.flac"), fine.stream().map(MediaInput::name).toList());
        MediaInput.requireDistinctNames(fine);
        Files.copy(wav, dir.resolve("a_b.wav")); // "a_b" once made safe, as "a b.wav" is
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MediaInput.requireDistinctNames(MediaInput.resolve(dir)));
        assertEquals(true, e.getMessage().startsWith("two inputs are named 'a_b' ("), e.getMessage());
        java.util.List<MediaInput> two = new java.util.ArrayList<>(MediaInput.resolve(wav));
        two.addAll(MediaInput.resolve(dir.resolve("a b.wav")));
        MediaInput.requireDistinctNames(two); // "a" and "a_b"
        two.addAll(MediaInput.resolve(wav));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MediaInput.requireDistinctNames(two));
    }
}
