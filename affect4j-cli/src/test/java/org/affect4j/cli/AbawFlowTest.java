package org.affect4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.ExprAnnotations;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionReader;
import org.affect4j.store.FeatureStore;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's ABAW research workflow, end to end through the real command line, on a small corpus in the exact
 * Aff-Wild2 layout built from the six real CREMA-D clips of actor 1001 ({@link AbawCorpus}: per-frame labels, a
 * stitched multi-expression video with an unannotated stretch, left/right validation files).
 * The validation classes are not among the training classes (six clips give no overlap without sharing a video
 * across splits, which the fold checks forbid), so the scores prove the machinery, not accuracy: the test checks that
 * the numbers agree between commands and count the right frames.
 *
 * <p>Then: {@code extract} (fbank and mobilefacenet, the cheap features; and by {@code --names} for the
 * test-set naming) → {@code train} (a tiny LSTM, 2 epochs)
 * → {@code evaluate --pred} → {@code score --json} → {@code cv --folds 3 --test} (left/right files kept
 * together; the fold models' ensemble on a "test" list) → {@code ensemble --rule vote} of the run and the fold
 * ensemble, and an epoch ensemble of the run's kept checkpoints with its average ({@code ensemble --run RUN@epoch-0001
 * ... --average 2}) → {@code submit} → {@code submit --validate}, which must also reject a broken submission →
 * {@code reproduce} of the run (bit for bit, then with a tampered checkpoint, then with its store gone).
 */
class AbawFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void extractTrainEvaluateScoreCvEnsembleSubmitValidate() throws Exception {
        Path crema = Locations.data().map(d -> d.resolve("crema-d")).orElse(null);
        assumeTrue(crema != null && Files.isRegularFile(crema.resolve("labels.csv")), "CREMA-D clips not found");

        // ---- the corpus
        AbawCorpus corpus = AbawCorpus.build(crema, tmp, 1);
        Path videos = corpus.videos(), trainSet = corpus.trainSet(), valSet = corpus.valSet();
        String fear = corpus.validationVideo();
        int fearFrames = corpus.validationFrames(), annotatedValidationFrames = corpus.annotatedValidationFrames();
        List<String> names = corpus.names();

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

        // every matrix extracted has its manifest, and the files are as it recorded
        CommandRun verify = run("store", "verify", store.toString());
        int pairs = fs.features().stream().mapToInt(f -> fs.videos(f).size()).sum();
        assertTrue(pairs >= 2 * names.size() && verify.out().contains("all " + pairs + " matrices are as written"), verify.toString());

        // ---- 1b. the test set's naming: a name list without annotations (VIDEO_left / VIDEO_right) gives the entries
        // the annotated extraction gave
        Path nameList = tmp.resolve("names.csv");
        Files.writeString(nameList, "name\n" + fear + "_left\n" + fear + "_right\n");
        Path testStore = tmp.resolve("test-store");
        CommandRun byNames = run("extract", "--names", nameList.toString(), "--videos", videos.toString(),
                "--store", testStore.toString(), "--features", "fbank,mobilefacenet");
        FeatureStore ts = new FeatureStore(testStore);
        for (String name : List.of(fear + "_left", fear + "_right")) {
            for (String feature : List.of("fbank", "mobilefacenet")) {
                assertArrayEquals(fs.get(feature, name).data(), ts.get(feature, name).data(), feature + " of " + name + "\n" + byNames);
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
        CommandRun evaluate = run("evaluate", "--run", runDir.toString(), "--pred", pred.toString(), "--json");
        JsonNode evaluated = JSON.readTree(evaluate.out());
        assertEquals(fearFrames + 1, Files.readAllLines(pred.resolve(fear + "_left.txt")).size(), "one row per frame");
        assertEquals(fearFrames + 1, Files.readAllLines(pred.resolve(fear + "_right.txt")).size(), "one row per frame");

        // ---- 3b. --precision int8 is for Transformer runs: an LSTM run says so in one line; a tiny Transformer trained
        // on the same store predicts every frame in int8 close to its float32 probabilities
        CommandRun lstmInt8 = CommandRun.of("evaluate", "--run", runDir.toString(), "--precision", "int8");
        assertEquals(3, lstmInt8.exit(), lstmInt8.toString());
        assertEquals("affect4j: error: precision int8 runs Transformer networks only; this run's network is lstm",
                lstmInt8.err().strip(), lstmInt8.toString());
        CommandRun lstmBf16 = CommandRun.of("evaluate", "--run", runDir.toString(), "--precision", "bfloat16");
        assertEquals("affect4j: error: precision bfloat16 runs Transformer networks only; this run's network is lstm",
                lstmBf16.err().strip(), lstmBf16.toString());
        Path transformerRun = tmp.resolve("runs/transformer");
        run("train", "--config", writeConfig(store, trainSet, valSet, "transformer").toString(), "--out", transformerRun.toString());
        Path exact = tmp.resolve("pred/transformer-float32"), approx = tmp.resolve("pred/transformer-int8");
        run("evaluate", "--run", transformerRun.toString(), "--pred", exact.toString());
        run("evaluate", "--run", transformerRun.toString(), "--precision", "int8", "--pred", approx.toString());
        double worst = 0;
        for (String file : listing(exact)) {
            FramePredictions a = PredictionReader.read(exact.resolve(file)), b = PredictionReader.read(approx.resolve(file));
            assertEquals(a.frames(), b.frames(), file);
            for (int f = 0; f < a.frames(); f++) {
                for (int c = 0; c < 8; c++) worst = Math.max(worst, Math.abs(a.probability(f, c) - b.probability(f, c)));
            }
        }
        assertTrue(worst > 0 && worst < 0.05, "int8 against float32 probabilities: max |diff| " + worst);

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

        // an epoch ensemble from the run's kept checkpoints, beside the same run averaged; the averaged member predicts
        // what 'evaluate --average 2' predicts
        Path epochs = tmp.resolve("pred/epochs");
        CommandRun epochEnsemble = run("ensemble", "--run", runDir + "@epoch-0001", "--run", runDir + "@epoch-0002",
                "--run", runDir.toString(), "--average", "2", "--rule", "mean", "--items", testList.toString(), "--out", epochs.toString());
        assertTrue(epochEnsemble.out().startsWith("wrote 2 videos"), epochEnsemble.toString());
        assertEquals(List.of("01-lstm-epoch-0001", "02-lstm-epoch-0002", "03-lstm-average-2"), listing(epochs.resolve("members")));
        Path averaged = tmp.resolve("pred/averaged");
        run("evaluate", "--run", runDir.toString(), "--average", "2", "--pred", averaged.toString());
        // (to float rounding: evaluate batches all videos together, a member predicts one video at a time)
        FramePredictions byEvaluate = PredictionReader.read(averaged.resolve(fear + "_left.txt"));
        FramePredictions byMember = PredictionReader.read(epochs.resolve("members/03-lstm-average-2/" + fear + "_left.txt"));
        assertEquals(byEvaluate.frames(), byMember.frames());
        for (int i = 0; i < byEvaluate.frames(); i++) {
            for (int c = 0; c < ExprClass.COUNT; c++) assertEquals(byEvaluate.probability(i, c), byMember.probability(i, c), 1e-6);
        }

        // predict, the everyday command, with the same averaged checkpoint: a training video end to end from the
        // video file gives the probabilities evaluate gives from the store (frames.csv keeps 6 decimals)
        String dis = "1001_DFA_DIS_XX";
        Path predicted = tmp.resolve("predict-averaged");
        CommandRun predict = run("predict", videos.resolve(dis + ".flv").toString(), "--model", runDir.toString(),
                "--average", "2", "--out", predicted.toString());
        assertTrue(predict.out().contains(dis + ": "), predict.toString());
        Path trainAveraged = tmp.resolve("pred/train-averaged");
        run("evaluate", "--run", runDir.toString(), "--average", "2", "--items", trainSet.toString(), "--pred", trainAveraged.toString());
        FramePredictions expected = PredictionReader.read(trainAveraged.resolve(dis + ".txt"));
        List<String> csv = Files.readAllLines(predicted.resolve("frames.csv"));
        assertEquals(expected.frames() + 1, csv.size(), "one row per frame");
        for (int i = 0; i < expected.frames(); i++) {
            String[] cells = csv.get(i + 1).split(",");
            for (int c = 0; c < ExprClass.COUNT; c++) {
                assertEquals(expected.probability(i, c), Double.parseDouble(cells[8 + c]), 2e-6, "frame " + (i + 1) + " class " + c);
            }
        }
        CommandRun notARun = CommandRun.of("predict", videos.resolve(dis + ".flv").toString(), "--average", "2",
                "--out", tmp.resolve("predict-default").toString());
        assertEquals(3, notARun.exit(), notARun.toString());
        assertTrue(notARun.err().contains("choosing a checkpoint (average-2) needs a training run directory as the model; "
                + "'default' is not one"), notARun.toString());
        assertFalse(Files.exists(tmp.resolve("predict-default")), "nothing written");

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

        // ---- 6. reproduce: the run re-trained from its folder matches bit for bit (its averaged checkpoint too) ...
        CommandRun reproduce = run("reproduce", runDir.toString());
        assertTrue(reproduce.out().contains("same: checkpoint epoch-0002: parameters match bit for bit"), reproduce.toString());
        assertTrue(reproduce.out().contains("same: checkpoint average-0001-0002: parameters match bit for bit"), reproduce.toString());
        assertTrue(reproduce.out().contains("same: learning curve macro-F1: 2 epochs match bit for bit"), reproduce.toString());
        assertTrue(reproduce.out().contains("reproduced " + runDir + " bit for bit"), reproduce.toString());
        // ... and a checkpoint changed after training is found (exit 1), the reproduction kept where asked
        Path params = runDir.resolve("checkpoints/epoch-0001/model.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);
        CommandRun changed = CommandRun.of("reproduce", runDir.toString(), "--out", tmp.resolve("reproduced").toString());
        assertEquals(1, changed.exit(), changed.toString());
        assertTrue(changed.out().contains("DIFFERS: checkpoint epoch-0001: model.params differ"), changed.toString());
        assertTrue(changed.out().contains("not reproduced: 1 of "), changed.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("reproduced/run.json")), "--out keeps the reproduction");
        // a run whose store is gone is refused in one line before any training
        Files.move(store, tmp.resolve("store-gone"));
        CommandRun noStore = CommandRun.of("reproduce", runDir.toString());
        assertEquals(3, noStore.exit(), noStore.toString());
        assertEquals("affect4j: error: cannot reproduce " + runDir + ": its store " + store + " is missing (or not a local folder)",
                noStore.err().strip(), noStore.toString());
    }

    /** Runs a command and asserts exit code 0. */
    private static CommandRun run(String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r);
        return r;
    }

    private Path writeConfig(Path store, Path train, Path validation) throws IOException {
        return writeConfig(store, train, validation, "lstm");
    }

    private Path writeConfig(Path store, Path train, Path validation, String type) throws IOException {
        // a tiny network with short segments: the flow, not the model, is under test (the paper's sizes are in configs/)
        String json = """
                {
                  "name": "abaw-flow",
                  "seed": 7,
                  "data": {"store": "%s", "train": "%s", "validation": "%s"},
                  "features": ["fbank", "mobilefacenet"],
                  "model": {"type": "%s", "segmentLength": 32, "fusionDim": 16, "dropout": 0.1, "head": [16],
                            "encoder": %s},
                  "training": {"epochs": 2, "batchSize": 4, "learningRate": 0.003, "keepCheckpoints": 2}
                }
                """.formatted(store, train, validation, type, type.equals("lstm") ? "{\"hidden\": 16, \"layers\": 1}"
                : "{\"width\": 16, \"layers\": 1, \"heads\": 2, \"feedForward\": 16}");
        Path f = tmp.resolve(type + ".json");
        Files.writeString(f, json);
        return f;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
