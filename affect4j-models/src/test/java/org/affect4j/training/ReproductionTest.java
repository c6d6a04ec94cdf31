package org.affect4j.training;

import org.affect4j.runs.CheckpointAveraging;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small run re-trained from its run folder matches bit for bit; a tampered run or changed data does not. */
class ReproductionTest {
    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void trainedRun() throws Exception {
        SyntheticStore.write(dir, 8, 4);
        Path cfg = SyntheticStore.config(dir, "lstm", ", \"epochs\": 2, \"maxStepsPerEpoch\": 2, \"keepCheckpoints\": 2,"
                + " \"featureMaskProbability\": 0.2");
        run = dir.resolve("run");
        Training.run(cfg, run, TrainingListener.NONE);
        CheckpointAveraging.average(run, List.of(1, 2));
    }

    private static String text(Reproduction.Report r) {
        return r.lines().stream().map(l -> l.kind() + " " + l.text()).collect(Collectors.joining("\n"));
    }

    @Test
    void retrainingMatchesEveryCheckpointAndMetricBitForBit() {
        Reproduction.Report r = Reproduction.run(run, dir.resolve("again"), TrainingListener.NONE);
        String text = text(r);
        assertTrue(r.matches(), text);
        for (String line : List.of("checkpoint epoch-0001: parameters match", "checkpoint epoch-0002: parameters match",
                "checkpoint average-0001-0002: parameters match", "checkpoint best: ", "learning curve validation loss: 2 epochs match",
                "learning curve F1 Neutral: 2 epochs match", "best epoch: ", "scores of the last epoch: match", "normalisation.json: matches")) {
            assertTrue(text.contains(line), "missing '" + line + "' in\n" + text);
        }
        assertTrue(r.lines().stream().noneMatch(l -> l.kind() == Reproduction.Kind.NOTE), "same build, no notes\n" + text);
    }

    @Test
    void aTamperedCheckpointOrConfigIsReported() throws Exception {
        Path copy = copyRun("tampered");
        Path params = copy.resolve("checkpoints/epoch-0001/model.params");
        byte[] b = Files.readAllBytes(params);
        b[b.length - 1] ^= 1;
        Files.write(params, b);
        Reproduction.Report r = Reproduction.run(copy, dir.resolve("again-tampered"), TrainingListener.NONE);
        String text = text(r);
        assertFalse(r.matches(), text);
        assertTrue(text.contains("DIFFERS checkpoint epoch-0001: model.params differ"), text);
        assertTrue(text.contains("MATCH checkpoint epoch-0002: parameters match"), "only the flipped file differs\n" + text);

        Path reseeded = copyRun("reseeded");
        Path config = reseeded.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"seed\" : 7", "\"seed\" : 8"));
        Reproduction.Report s = Reproduction.run(reseeded, dir.resolve("again-reseeded"), TrainingListener.NONE);
        assertFalse(s.matches(), text(s));
        assertTrue(text(s).contains("DIFFERS learning curve train loss differs, first at epoch 1"), text(s));
    }

    @Test
    void saysWhenTheRunHadOtherKernelsOrAnotherCpu() throws Exception {
        Path copy = copyRun("other-machine");
        Path runJson = copy.resolve("run.json");
        String recorded = org.affect4j.models.NumericPath.describe();
        Files.writeString(runJson, Files.readString(runJson).replace(recorded, "ATEN_CPU_CAPABILITY unset MKL_CBWR unset ONEDNN_MAX_CPU_ISA=AVX2")
                .replace(org.affect4j.models.NumericPath.cpu(), "Some CPU (avx2)"));
        String text = text(Reproduction.run(copy, dir.resolve("again-other-machine"), TrainingListener.NONE));
        assertTrue(text.contains("NOTE numericPath differs: recorded ATEN_CPU_CAPABILITY unset MKL_CBWR unset ONEDNN_MAX_CPU_ISA=AVX2, now "
                + recorded + " (export the recorded settings and run again to train with its kernels)"), text);
        assertTrue(text.contains("NOTE cpu differs: recorded Some CPU (avx2), now " + org.affect4j.models.NumericPath.cpu()), text);
    }

    @Test
    void refusesAMissingStoreOrAChangedDescriptorBeforeTraining() throws Exception {
        Path copy = copyRun("unfinished");
        Path runJson = copy.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"finished\"", "\"failed\""));
        IllegalArgumentException unfinished = assertThrows(IllegalArgumentException.class,
                () -> Reproduction.run(copy, dir.resolve("never1"), TrainingListener.NONE));
        assertTrue(unfinished.getMessage().contains("did not finish (status 'failed')"), unfinished.getMessage());

        Path store = dir.resolve("store");
        FeatureStore fs = new FeatureStore(store);
        FeatureDescriptor a = fs.requireDescriptor("a");
        try {
            fs.putDescriptor(new FeatureDescriptor("a", 6, 0, "synthetic", "2", Map.of()));
            IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                    () -> Reproduction.run(run, dir.resolve("never2"), TrainingListener.NONE));
            assertTrue(changed.getMessage().contains("feature a in store " + store + " differs from what the run recorded"
                    + " (extractorVersion 1 vs 2)"), changed.getMessage());
        } finally {
            fs.putDescriptor(a);
        }
        Path matrix;
        try (var s = Files.list(store.resolve("a"))) {
            matrix = s.filter(f -> f.toString().endsWith(".npy") && !f.toString().endsWith(".mask.npy")).sorted().findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(matrix);
        byte[] flipped = original.clone();
        flipped[flipped.length - 1] ^= 1;
        Files.write(matrix, flipped);
        try {
            IllegalArgumentException edited = assertThrows(IllegalArgumentException.class,
                    () -> Reproduction.run(run, dir.resolve("never4"), TrainingListener.NONE));
            String video = matrix.getFileName().toString().replace(".npy", "");
            assertTrue(edited.getMessage().contains("store " + store + " is not as written: a/" + video + ": "
                    + video + ".npy changed"), edited.getMessage());
            assertFalse(edited.getMessage().contains("\n"), "one line: " + edited.getMessage());
        } finally {
            Files.write(matrix, original);
        }
        Path moved = dir.resolve("store-moved");
        Files.move(store, moved);
        try {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> Reproduction.run(run, dir.resolve("never3"), TrainingListener.NONE));
            assertTrue(missing.getMessage().contains("its store " + store + " is missing"), missing.getMessage());
        } finally {
            Files.move(moved, store);
        }
        for (String never : List.of("never1", "never2", "never3", "never4")) assertFalse(Files.exists(dir.resolve(never)), "nothing trained");
    }

    private static Path copyRun(String name) throws Exception {
        Path target = dir.resolve(name);
        try (var s = Files.walk(run)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = target.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }
}
