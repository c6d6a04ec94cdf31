package org.affect4j.experiments;

import org.affect4j.inference.CheckpointChoice;
import org.affect4j.jobs.ForkedJvm;
import org.affect4j.jobs.RemoteStores;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.jobs.WorkItem;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.LabelledItems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains one model (a cross-validation fold, an ensemble member, an ablation cell) and optionally predicts a list of
 * videos with it, in a child JVM ({@link ForkedJvm} says why) running {@link TrainingProcess}, which calls the same
 * {@code Training.run} and {@code RunPredictor} as the single-process {@code train} and {@code predict} commands.
 *
 * <p>Idempotent: a run directory whose {@code run.json} says "finished" is not trained again, an unfinished one is
 * resumed from its last checkpoint (the training library's own rule), and predictions are written file by file
 * atomically with a {@code .complete} marker last.
 *
 * @param name        report name, e.g. {@code fold-2}
 * @param config      experiment file
 * @param runDir      run directory
 * @param predictList file listing the videos to predict ({@code name} column of a CSV), or null for none
 * @param predictions where the per-video prediction files go (null when {@code predictList} is)
 * @param checkpoint  the {@link CheckpointChoice} that predicts and is scored, in text form (train+validation runs use
 *                    {@code last}: they have no honest validation to choose an epoch by)
 * @param scoreFile   where to write the chosen checkpoint's validation macro-F1 ({@link RunStatus#readScore}), or
 *                    null: needed when the checkpoint is not the best epoch, whose score {@code run.json} already has
 * @param threads     engine threads of the child JVM
 */
public record TrainingItem(String name, String config, String runDir, String predictList, String predictions,
                           String checkpoint, String scoreFile, int threads) implements WorkItem {
    /** File written last into the predictions folder. */
    public static final String COMPLETE = RunPredictions.COMPLETE;

    public TrainingItem {
        if ((predictList == null) != (predictions == null)) {
            throw new IllegalArgumentException(name + ": a prediction list needs a predictions folder and vice versa");
        }
        CheckpointChoice.parse(checkpoint);
        if (threads < 1) throw new IllegalArgumentException(name + ": threads must be >= 1, got " + threads);
    }

    @Override
    public boolean isDone() {
        return RunStatus.finished(StoreLocation.resolve(runDir))
                && (predictions == null || Files.isRegularFile(StoreLocation.resolve(predictions).resolve(COMPLETE)))
                && (scoreFile == null || Files.isRegularFile(StoreLocation.resolve(scoreFile)));
    }

    @Override
    public void run() throws Exception {
        Path run = StoreLocation.resolve(runDir);
        List<String> args = new ArrayList<>(List.of(StoreLocation.resolve(config).toString(), run.toString(),
                "--checkpoint", checkpoint));
        if (predictList != null) {
            args.addAll(List.of("--predict", StoreLocation.resolve(predictList).toString(),
                    "--out", StoreLocation.resolve(predictions).toString()));
        }
        if (scoreFile != null) args.addAll(List.of("--score", StoreLocation.resolve(scoreFile).toString()));
        ExperimentConfig c = ExperimentConfigs.load(StoreLocation.resolve(config));
        if (RemoteStores.isRemote(c.data().store())) {
            // the child trains from this executor's copy of the files it reads
            Set<String> videos = new TreeSet<>();
            for (String list : new String[]{c.data().train(), c.data().validation()}) {
                LabelledItems.read(Path.of(list)).forEach(i -> videos.add(i.video()));
            }
            if (predictList != null) videos.addAll(ItemLists.names(StoreLocation.resolve(predictList)));
            Path local = RemoteStores.get(c.data().store()).localCopy(c.data().store(), c.features(), videos);
            args.addAll(List.of("--store", local.toString()));
        }
        Path log = run.resolveSibling(run.getFileName() + ".log");
        ForkedJvm.Exit exit = new ForkedJvm(ForkedJvm.threadOptions(threads)).run(TrainingProcess.class, args, log);
        if (exit.code() != 0) throw new IllegalStateException(exit.errorLine());
    }
}
