import org.affect4j.data.ExprAnnotations;
import org.affect4j.media.FFmpegVideoSource;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A real-data proxy of Aff-Wild2 (issue 15, item 4): the RAVDESS speech recordings of one actor and one statement
 * written one after the other into a long "video" (30 frames/s, a plain grey picture, the recordings' audio at
 * 16 kHz), every video frame labelled with the expression of the recording it falls in, in the exact Aff-Wild2
 * layout. Run with the source launcher:
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/RavdessCorpus.java RAVDESS_DIR OUT</pre>
 * <pre>
 * OUT/videos/actorAA_sS.mp4                      30 recordings each (~110 s, ~3,300 frames), order shuffled (seeded)
 * OUT/annotations/EXPR_Classification_Challenge/Train_Set/       actors 1-12  (24 videos)
 *                                              /Validation_Set/  actors 13-16 (8 videos)
 * OUT/test/annotations/                                          actors 17-20 (8 videos): the held-out gold labels
 * OUT/test/test.csv                                              their names ('name' column), for cv --test
 * </pre>
 * No face is on screen, so the corpus measures the voice side of the recipe: the paper's audio fusion (fbank +
 * eGeMAPS + ComParE), both temporal encoders, R-Drop, k-fold CV with mixing and the vote ensemble, on real recordings
 * of unseen speakers. Labels follow the decoded frame count (Aff-Wild2 has one label line per decoded frame); a rerun
 * skips videos already written.
 */
public final class RavdessCorpus {
    static final double FPS = 30;
    static final int RATE = 16_000;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RavdessCorpus RAVDESS_DIR OUT");
            System.exit(2);
        }
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        Path rav = Path.of(args[0]), out = Path.of(args[1]);
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(rav.resolve("labels.csv"));
        for (String line : lines.subList(1, lines.size())) rows.add(line.split(","));
        Path videos = Files.createDirectories(out.resolve("videos"));
        Path challenge = out.resolve("annotations/EXPR_Classification_Challenge");
        Path train = Files.createDirectories(challenge.resolve("Train_Set"));
        Path val = Files.createDirectories(challenge.resolve("Validation_Set"));
        Path test = Files.createDirectories(out.resolve("test/annotations"));
        List<String> testNames = new ArrayList<>();
        int written = 0, frames = 0;
        for (int actor = 1; actor <= 20; actor++) {
            for (int statement = 1; statement <= 2; statement++) {
                List<String[]> mine = new ArrayList<>();
                for (String[] r : rows) {
                    if (Integer.parseInt(r[1]) == actor && Integer.parseInt(r[5].strip()) == statement) mine.add(r);
                }
                if (mine.isEmpty()) continue;
                Collections.shuffle(mine, new Random(1000L * actor + statement));
                String name = String.format("actor%02d_s%d", actor, statement);
                Path dir = actor <= 12 ? train : actor <= 16 ? val : test;
                if (actor > 16) testNames.add(name);
                Path video = videos.resolve(name + ".mp4"), labels = dir.resolve(name + ".txt");
                if (!Files.exists(labels)) {
                    int[] l = write(rav, mine, video);
                    ExprAnnotations.write(labels, l);
                    written++;
                }
                frames += ExprAnnotations.read(labels).length;
            }
        }
        Path csv = out.resolve("test/test.csv");
        Files.writeString(csv, "name\n" + String.join("\n", testNames) + "\n");
        System.out.printf("RAVDESS proxy corpus: 40 videos (%d written now), %d frames, in %s%n", written, frames, out);
    }

    /** Writes the recordings one after the other as a video and returns its per-frame labels (decoded count). */
    static int[] write(Path rav, List<String[]> recordings, Path video) throws Exception {
        Path tmp = video.resolveSibling(video.getFileName() + ".tmp.mp4");
        BufferedImage grey = new BufferedImage(96, 96, BufferedImage.TYPE_3BYTE_BGR);
        var g = grey.createGraphics();
        g.setColor(new java.awt.Color(96, 96, 96));
        g.fillRect(0, 0, 96, 96);
        g.dispose();
        List<Integer> labels = new ArrayList<>();
        long samples = 0;
        try (Java2DFrameConverter conv = new Java2DFrameConverter();
             FFmpegFrameRecorder r = new FFmpegFrameRecorder(tmp.toFile(), 96, 96, 1)) {
            Frame picture = conv.convert(grey);
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(4);
            r.setFrameRate(FPS);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(RATE);
            r.setAudioBitrate(64_000);
            r.start();
            for (String[] rec : recordings) {
                try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(rav.resolve(rec[0]).toFile())) {
                    in.setSampleRate(RATE);
                    in.setAudioChannels(1);
                    in.start();
                    Frame f;
                    while ((f = in.grabSamples()) != null) {
                        samples += f.samples[0].limit() / Math.max(1, f.audioChannels);
                        r.record(f);
                    }
                }
                // video frames up to the audio written so far, labelled with this recording's expression
                long target = Math.round(samples * FPS / RATE);
                int label = Integer.parseInt(rec[3].strip());
                while (labels.size() < target) {
                    r.record(picture);
                    labels.add(label);
                }
            }
            r.stop();
        }
        int decoded = 0;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(tmp)) {
            while (v.next() != null) decoded++;
        }
        if (Math.abs(decoded - labels.size()) > 2) {
            throw new IllegalStateException(video + ": " + decoded + " frames decode, " + labels.size() + " written");
        }
        int[] l = new int[decoded];
        for (int i = 0; i < decoded; i++) l[i] = labels.get(Math.min(i, labels.size() - 1));
        Files.move(tmp, video, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return l;
    }

    private RavdessCorpus() {
    }
}
