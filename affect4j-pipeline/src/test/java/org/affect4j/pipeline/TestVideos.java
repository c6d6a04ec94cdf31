package org.affect4j.pipeline;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Writes small synthetic videos (no audio track) with FFmpeg, for edge cases real clips do not cover. */
final class TestVideos {
    private TestVideos() {
    }

    /** A grey video of {@code frames} frames with no audio and no face. */
    static Path faceless(Path file, int frames, double fps) throws Exception {
        int w = 160, h = 120;
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), w, h, 0)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setFrameRate(fps);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.start();
            for (int i = 0; i < frames; i++) {
                Frame f = new Frame(w, h, Frame.DEPTH_UBYTE, 3);
                ByteBuffer b = (ByteBuffer) f.image[0];
                for (int k = 0; k < b.capacity(); k++) b.put(k, (byte) (100 + i % 20));
                r.record(f, avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }
}
