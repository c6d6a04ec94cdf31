package org.affect4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.store.FeatureStore;
import org.affect4j.util.Locations;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's ABAW research workflow, end to end through the real command line, on a small corpus in the exact
 * Aff-Wild2 layout built from the six real CREMA-D clips of actor 1001:
 * <pre>
 * annotations/EXPR_Classification_Challenge/Train_Set/stitched.txt         Anger | -1 | Sadness | Neutral
 *                                                    /1001_DFA_DIS_XX.txt  Disgust
 *                                                    /1001_DFA_HAP_XX.txt  Happiness
 *                                         Validation_Set/1001_DFA_FEA_XX_left.txt   Fear
 *                                                       /1001_DFA_FEA_XX_right.txt  Fear, last frames -1
 * videos/stitched.mp4   three clips (video and audio) written one after the other
 * videos/1001_DFA_{DIS,HAP,FEA}_XX.flv
 * </pre>
 * Every label count is the decoded frame count (never assumed), as Aff-Wild2 has one label line per frame. The
 * validation classes are not among the training classes (six clips give no overlap without sharing a video across
 * splits, which the fold checks forbid), so the scores prove the machinery, not accuracy: the test checks that the
 * numbers agree between commands and count the right frames.
 *
 * <p>Then: {@code extract} (fbank and mobilefacenet, the cheap features) → {@code train} (a tiny LSTM, 2 epochs)
 * → {@code evaluate --pred-dir} → {@code score --json} → {@code cv --folds 3 --test} (left/right files kept
 * together; the fold models' ensemble on a "test" list) → {@code ensemble --rule vote} of the run and the fold
 * ensemble → {@code submit} → {@code submit --validate}, which must also reject a broken submission.
 */
class AbawFlowTest {
    /** The clips of the stitched video in order, with the frames at the start of the second one left unannotated. */
    private static final List<String> STITCHED = List.of("1001_DFA_ANG_XX", "1001_DFA_SAD_XX", "1001_DFA_NEU_XX");
    private static final int UNANNOTATED_STRETCH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void extractTrainEvaluateScoreCvEnsembleSubmitValidate() throws Exception {
        Path crema = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        assumeTrue(crema != null && Files.isRegularFile(crema.resolve("labels.csv")), "CREMA-D clips not found");
        Map<String, Integer> clipLabels = clipLabels(crema.resolve("labels.csv"));

        // ---- the corpus
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        Path challenge = tmp.resolve("annotations/EXPR_Classification_Challenge");
        Path trainSet = Files.createDirectories(challenge.resolve("Train_Set"));
        Path valSet = Files.createDirectories(challenge.resolve("Validation_Set"));

        List<Integer> clipFrames = stitch(STITCHED.stream().map(c -> crema.resolve(c + ".flv")).toList(),
                videos.resolve("stitched.mp4"));
        int stitchedFrames = decodedFrames(videos.resolve("stitched.mp4"));
        assertEquals(clipFrames.stream().mapToInt(Integer::intValue).sum(), stitchedFrames,
                "the stitched video decodes to the frames written into it");
        int[] stitched = new int[stitchedFrames];
        int at = 0;
        for (int c = 0; c < STITCHED.size(); c++) {
            Arrays.fill(stitched, at, at + clipFrames.get(c), clipLabels.get(STITCHED.get(c)));
            if (c == 1) Arrays.fill(stitched, at, at + UNANNOTATED_STRETCH, ExprClass.UNANNOTATED);
            at += clipFrames.get(c);
        }
        ExprAnnotations.write(trainSet.resolve("stitched.txt"), stitched);

        for (String clip : List.of("1001_DFA_DIS_XX", "1001_DFA_HAP_XX")) {
            Path video = Files.copy(crema.resolve(clip + ".flv"), videos.resolve(clip + ".flv"));
            ExprAnnotations.write(trainSet.resolve(clip + ".txt"), filled(decodedFrames(video), clipLabels.get(clip)));
        }
        String fear = "1001_DFA_FEA_XX";
        Path fearVideo = Files.copy(crema.resolve(fear + ".flv"), videos.resolve(fear + ".flv"));
        int fearFrames = decodedFrames(fearVideo);
        ExprAnnotations.write(valSet.resolve(fear + "_left.txt"), filled(fearFrames, clipLabels.get(fear)));
        int[] right = filled(fearFrames, clipLabels.get(fear));
        Arrays.fill(right, fearFrames - UNANNOTATED_STRETCH, fearFrames, ExprClass.UNANNOTATED);
        ExprAnnotations.write(valSet.resolve(fear + "_right.txt"), right);
        int annotatedValidationFrames = fearFrames + fearFrames - UNANNOTATED_STRETCH;
        List<String> names = List.of("stitched", "1001_DFA_DIS_XX", "1001_DFA_HAP_XX", fear + "_left", fear + "_right");

        // ---- 1. extract: one store entry per annotation file, as many rows as the video has frames
        Path store = tmp.resolve("store");
        CommandRun extract = run("extract", "--corpus", tmp.resolve("annotations").toString(), "--videos", videos.toString(),
                "--store", store.toString(), "--features", "fbank,mobilefacenet");
        assertFalse(extract.err().contains("frames decoded but"), "labels and decoded frames agree\n" + extract);
        FeatureStore fs = new FeatureStore(store);
        for (String name : names) {
            Path annotation = Files.exists(trainSet.resolve(name + ".txt")) ? trainSet.resolve(name + ".txt") : valSet.resolve(name + ".txt");
            int labels = ExprAnnotations.read(annotation).length;
            assertEquals(labels, fs.video(name).orElseThrow().frames(), name);
            for (String feature : List.of("fbank", "mobilefacenet")) {
                assertEquals(labels, fs.get(feature, name).rows(), feature + " of " + name);
            }
        }

        // ---- 2. train a tiny LSTM on the annotation folders
        Path config = writeConfig(store, trainSet, valSet);
        Path runDir = tmp.resolve("runs/lstm");
        CommandRun train = run("train", "--config", config.toString(), "--out", runDir.toString());
        assertTrue(train.out().contains("best epoch"), train.toString());
        assertTrue(Files.readString(runDir.resolve("run.json")).contains("finished"), "run.json says the run finished");

        // ---- 3. evaluate on the validation set, then score like the challenge
        Path pred = tmp.resolve("pred/lstm");
        CommandRun evaluate = run("evaluate", "--run", runDir.toString(), "--pred-dir", pred.toString(), "--json");
        JsonNode evaluated = JSON.readTree(evaluate.out());
        assertEquals(fearFrames + 1, Files.readAllLines(pred.resolve(fear + "_left.txt")).size(), "one row per frame");
        assertEquals(fearFrames + 1, Files.readAllLines(pred.resolve(fear + "_right.txt")).size(), "one row per frame");

        CommandRun score = run("score", "--gold", valSet.toString(), "--pred", pred.toString(), "--json");
        JsonNode scored = JSON.readTree(score.out());
        double macroF1 = scored.get("macro_f1").asDouble(Double.NaN);
        assertTrue(scored.get("macro_f1").isNumber() && macroF1 >= 0 && macroF1 <= 1, score.out());
        assertEquals(annotatedValidationFrames, scored.get("frames").asInt(), "every annotated validation frame, no -1");
        assertEquals(evaluated.get("macro_f1").asDouble(), macroF1, 1e-9, "score reads back what evaluate measured");
        assertEquals(evaluated.get("frames").asInt(), scored.get("frames").asInt());

        // ---- 4. 3-fold cross-validation: 2 training folds by video, the validation set as the 3rd
        // --test: the fold models predict these store videos and are ensembled, the README's path to a test set
        // (here the validation videos stand in for the unlabelled test set)
        Path testList = tmp.resolve("test.csv");
        Files.writeString(testList, "name\n" + fear + "_left\n" + fear + "_right\n");
        Path cv = tmp.resolve("cv/lstm");
        CommandRun crossValidation = run("cv", "--config", config.toString(), "--folds", "3", "--test", testList.toString(),
                "--out", cv.toString());
        assertTrue(Files.isRegularFile(cv.resolve("cv.csv")), crossValidation.toString());
        for (int fold = 1; fold <= 3; fold++) {
            assertTrue(Files.isRegularFile(cv.resolve("fold-" + fold + "/run/run.json")), "fold " + fold + " trained");
        }
        assertEquals(List.of(fear + "_left.txt", fear + "_right.txt"), listing(cv.resolve("fold-3/validation")),
                "the validation set is the last fold, its left and right files together");
        List<String> heldOut = new ArrayList<>(listing(cv.resolve("fold-1/validation")));
        heldOut.addAll(listing(cv.resolve("fold-2/validation")));
        assertEquals(List.of("1001_DFA_DIS_XX.txt", "1001_DFA_HAP_XX.txt", "stitched.txt"), heldOut.stream().sorted().toList(),
                "each training video is held out by exactly one fold");

        Path foldEnsemble = cv.resolve("ensemble");
        assertEquals(List.of(fear + "_left.txt", fear + "_right.txt"), listing(foldEnsemble), crossValidation.toString());

        // ---- 5. a vote ensemble of the run and the fold ensemble, then the submission
        Path vote = tmp.resolve("pred/vote");
        CommandRun ensemble = run("ensemble", "--pred", pred.toString(), "--pred", foldEnsemble.toString(), "--rule", "vote",
                "--out", vote.toString());
        assertTrue(ensemble.out().startsWith("wrote 2 videos"), ensemble.toString());

        Path submission = tmp.resolve("submission");
        run("submit", "--pred", vote.toString(), "--out", submission.toString(), "--gold", valSet.toString());
        List<String> rows = Files.readAllLines(submission.resolve(fear + "_right.txt"));
        assertEquals("image_location," + ExprClass.HEADER, rows.get(0));
        assertEquals(fearFrames + 1, rows.size(), "every frame, the unannotated ones included");
        assertTrue(rows.get(fearFrames).startsWith(fear + "_right/" + String.format("%05d", fearFrames) + ".jpg,"), rows.get(fearFrames));

        CommandRun validate = run("submit", "--validate", submission.toString(), "--gold", valSet.toString());
        assertTrue(validate.out().contains("is valid: 2 videos"), validate.toString());

        // the validator is not a rubber stamp: a missing last row is bad input
        Files.write(submission.resolve(fear + "_left.txt"), Files.readAllLines(submission.resolve(fear + "_left.txt")).subList(0, fearFrames));
        CommandRun broken = CommandRun.of("submit", "--validate", submission.toString(), "--gold", valSet.toString());
        assertEquals(3, broken.exit(), broken.toString());
    }

    /** Runs a command and asserts exit code 0. */
    private static CommandRun run(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
        return r;
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
    private static int decodedFrames(Path video) throws IOException {
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

    private Path writeConfig(Path store, Path train, Path validation) throws IOException {
        // a tiny LSTM with short segments: the flow, not the model, is under test (the paper's sizes are in configs/)
        String json = """
                {
                  "name": "abaw-flow",
                  "seed": 7,
                  "data": {"store": "%s", "train": "%s", "validation": "%s"},
                  "features": ["fbank", "mobilefacenet"],
                  "model": {"type": "lstm", "segmentLength": 32, "fusionDim": 16, "dropout": 0.1, "head": [16],
                            "encoder": {"hidden": 16, "layers": 1}},
                  "training": {"epochs": 2, "batchSize": 4, "learningRate": 0.003}
                }
                """.formatted(store, train, validation);
        Path f = tmp.resolve("lstm.json");
        Files.writeString(f, json);
        return f;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
