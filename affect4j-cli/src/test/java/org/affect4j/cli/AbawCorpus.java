package org.affect4j.cli;

import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;
import org.affect4j.media.FFmpegVideoSource;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small corpus in the exact Aff-Wild2 layout built from the six real CREMA-D clips of actor 1001, for the ABAW
 * flow test ({@link AbawFlowTest}) and the Spark cross-validation benchmark ({@code bench/spark-cv.sh}, which runs
 * this file with the source launcher: {@code java -cp 'affect4j-cli/target/lib/*' AbawCorpus.java CREMA OUT [COPIES]}).
 * <pre>
 * annotations/EXPR_Classification_Challenge/Train_Set/stitched.txt         Anger | -1 | Sadness | Neutral
 *                                                    /1001_DFA_DIS_XX.txt  Disgust
 *                                                    /1001_DFA_HAP_XX.txt  Happiness
 *                                         Validation_Set/1001_DFA_FEA_XX_left.txt   Fear
 *                                                       /1001_DFA_FEA_XX_right.txt  Fear, last frames -1
 * videos/stitched.mp4   three clips (video and audio) written one after the other
 * videos/1001_DFA_{DIS,HAP,FEA}_XX.flv
 * </pre>
 * Every label count is the decoded frame count (never assumed), as Aff-Wild2 has one label line per frame. With
 * {@code copies > 1} the training videos are repeated under the names {@code c2_stitched}, {@code c2_1001_DFA_DIS_XX},
 * ..., so k-fold cross-validation has enough videos to split (identical content: for timing, not accuracy).
 *
 * @param videos            the video folder
 * @param trainSet          the {@code Train_Set} annotation folder
 * @param valSet            the {@code Validation_Set} annotation folder
 * @param names             every annotation file's name, training files first
 * @param validationVideo   the clip behind the left/right validation files
 * @param validationFrames  its decoded frame count
 */
public record AbawCorpus(Path videos, Path trainSet, Path valSet, List<String> names, String validationVideo,
                         int validationFrames) {
    /** The clips of the stitched video in order, with the frames at the start of the second one left unannotated. */
    static final List<String> STITCHED = List.of("1001_DFA_ANG_XX", "1001_DFA_SAD_XX", "1001_DFA_NEU_XX");
    static final int UNANNOTATED_STRETCH = 12;

    /** {@code AbawCorpus CREMA_DIR OUT_DIR [COPIES]}: builds the corpus and prints its layout. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: AbawCorpus CREMA_DIR OUT_DIR [COPIES]");
            System.exit(2);
        }
        AbawCorpus c = build(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1);
        System.out.println(c.names().size() + " annotation files: " + c.trainSet() + ", " + c.valSet() + "; videos in " + c.videos());
    }

    /** The corpus under {@code dir} ({@code annotations/}, {@code videos/}), from the CREMA-D folder ({@code labels.csv}, clips). */
    static AbawCorpus build(Path crema, Path dir, int copies) throws Exception {
        if (copies < 1) throw new IllegalArgumentException("copies must be >= 1, got " + copies);
        Map<String, Integer> clipLabels = clipLabels(crema.resolve("labels.csv"));
        Path videos = Files.createDirectories(dir.resolve("videos"));
        Path challenge = dir.resolve("annotations/EXPR_Classification_Challenge");
        Path trainSet = Files.createDirectories(challenge.resolve("Train_Set"));
        Path valSet = Files.createDirectories(challenge.resolve("Validation_Set"));
        List<String> names = new ArrayList<>();

        List<Integer> clipFrames = stitch(STITCHED.stream().map(c -> crema.resolve(c + ".flv")).toList(), videos.resolve("stitched.mp4"));
        int stitchedFrames = decodedFrames(videos.resolve("stitched.mp4"));
        if (clipFrames.stream().mapToInt(Integer::intValue).sum() != stitchedFrames) {
            throw new IllegalStateException("the stitched video decodes to " + stitchedFrames + " frames, not the " + clipFrames + " written");
        }
        int[] stitched = new int[stitchedFrames];
        int at = 0;
        for (int c = 0; c < STITCHED.size(); c++) {
            Arrays.fill(stitched, at, at + clipFrames.get(c), clipLabels.get(STITCHED.get(c)));
            if (c == 1) Arrays.fill(stitched, at, at + UNANNOTATED_STRETCH, ExprClass.UNANNOTATED);
            at += clipFrames.get(c);
        }
        ExprAnnotations.write(trainSet.resolve("stitched.txt"), stitched);
        names.add("stitched");
        for (String clip : List.of("1001_DFA_DIS_XX", "1001_DFA_HAP_XX")) {
            Path video = Files.copy(crema.resolve(clip + ".flv"), videos.resolve(clip + ".flv"));
            ExprAnnotations.write(trainSet.resolve(clip + ".txt"), filled(decodedFrames(video), clipLabels.get(clip)));
            names.add(clip);
        }
        List<String> originals = List.copyOf(names);
        for (int copy = 2; copy <= copies; copy++) {
            for (String n : originals) {
                String ext = n.equals("stitched") ? ".mp4" : ".flv", name = "c" + copy + "_" + n;
                Files.copy(videos.resolve(n + ext), videos.resolve(name + ext));
                Files.copy(trainSet.resolve(n + ".txt"), trainSet.resolve(name + ".txt"));
                names.add(name);
            }
        }

        String fear = "1001_DFA_FEA_XX";
        Path fearVideo = Files.copy(crema.resolve(fear + ".flv"), videos.resolve(fear + ".flv"));
        int fearFrames = decodedFrames(fearVideo);
        ExprAnnotations.write(valSet.resolve(fear + "_left.txt"), filled(fearFrames, clipLabels.get(fear)));
        int[] right = filled(fearFrames, clipLabels.get(fear));
        Arrays.fill(right, fearFrames - UNANNOTATED_STRETCH, fearFrames, ExprClass.UNANNOTATED);
        ExprAnnotations.write(valSet.resolve(fear + "_right.txt"), right);
        names.addAll(List.of(fear + "_left", fear + "_right"));
        return new AbawCorpus(videos, trainSet, valSet, List.copyOf(names), fear, fearFrames);
    }

    /** Annotated frames of the validation set (the right file's last frames are -1). */
    int annotatedValidationFrames() {
        return 2 * validationFrames - UNANNOTATED_STRETCH;
    }

    /** CREMA-D's labels.csv ({@code file,label_name,label_index}) as clip name → ABAW class index. */
    private static Map<String, Integer> clipLabels(Path csv) throws IOException {
        Map<String, Integer> labels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            labels.put(f[0].substring(0, f[0].lastIndexOf('.')), Integer.parseInt(f[2].strip()));
        }
        return labels;
    }

    private static int[] filled(int frames, int label) {
        int[] l = new int[frames];
        Arrays.fill(l, label);
        return l;
    }

    /** The frames that really decode, the count Aff-Wild2's one-line-per-frame labels must follow. */
    static int decodedFrames(Path video) throws IOException {
        int n = 0;
        try (FFmpegVideoSource v = FFmpegVideoSource.open(video)) {
            while (v.next() != null) n++;
        }
        return n;
    }

    /**
     * Writes the clips one after the other (video and audio) into {@code out}, at the first clip's size and rate.
     *
     * @return the video frames written from each clip, in order
     */
    private static List<Integer> stitch(List<Path> clips, Path out) throws Exception {
        int width, height, channels, sampleRate;
        double fps;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clips.get(0).toFile())) {
            g.start();
            width = g.getImageWidth();
            height = g.getImageHeight();
            channels = g.getAudioChannels();
            sampleRate = g.getSampleRate();
            fps = g.getFrameRate();
        }
        List<Integer> frames = new ArrayList<>();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, channels)) {
            r.setFormat("mp4");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(4);
            r.setFrameRate(fps);
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(sampleRate);
            r.start();
            for (Path clip : clips) {
                int n = 0;
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
                    // the recorder has one size and one audio rate: scale and resample every clip to them
                    g.setImageWidth(width);
                    g.setImageHeight(height);
                    g.setSampleRate(sampleRate);
                    g.start();
                    Frame f;
                    while ((f = g.grab()) != null) {
                        if (f.image != null) n++;
                        r.record(f);
                    }
                }
                frames.add(n);
            }
            r.stop();
        }
        return frames;
    }
}
