import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.ffmpeg.global.avcodec;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A person across the room: a clip's 21st frame pasted into a 1920x1080 picture at scales 0.5-3 (OUT/room-SCALE.jpg;
 * the example's face is ~106 px wide at scale 1) and the whole clip drawn at scale 1 into a 1080p video with its
 * sound (OUT/room-1080.mp4), for `predict` with and without `--detector blazeface` (README "Inputs").
 *   java -cp 'affect4j-cli/target/lib/*' bench/java/SmallFaces.java CLIP OUT
 */
public class SmallFaces {
    private static final int W = 1920, H = 1080;

    public static void main(String[] a) throws Exception {
        Path out = Files.createDirectories(Path.of(a[1]));
        Java2DFrameConverter in = new Java2DFrameConverter(), back = new Java2DFrameConverter();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(a[0])) {
            g.start();
            for (int i = 0; i < 20; i++) g.grabImage();
            BufferedImage frame = in.convert(g.grabImage());
            for (double scale : new double[] {0.5, 0.75, 1, 1.5, 2, 3}) {
                ImageIO.write(room(frame, scale, 700, 300), "jpg", out.resolve("room-" + scale + ".jpg").toFile());
            }
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(a[0])) {
            g.start();
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.resolve("room-1080.mp4").toFile(), W, H, g.getAudioChannels())) {
                r.setFormat("mp4");
                r.setFrameRate(g.getFrameRate());
                r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                r.setSampleRate(g.getSampleRate());
                r.start();
                for (Frame f; (f = g.grab()) != null; ) {
                    if (f.image != null) r.record(back.convert(room(in.convert(f), 1, W / 3, H / 4)));
                    else if (f.samples != null) r.record(f);
                }
            }
        }
    }

    private static BufferedImage room(BufferedImage frame, double scale, int x, int y) {
        BufferedImage c = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        var g = c.createGraphics();
        g.setColor(new Color(90, 110, 100));
        g.fillRect(0, 0, W, H);
        g.drawImage(frame, x, y, (int) (frame.getWidth() * scale), (int) (frame.getHeight() * scale), null);
        g.dispose();
        return c;
    }
}
