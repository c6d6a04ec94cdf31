package org.affect4j.experiments;

import org.affect4j.data.VideoFolds;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.jobs.StoreLocation;
import org.affect4j.training.config.ExperimentConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cross-validation folds of one experiment (METHOD §5): the training list is dealt into {@code k-1} folds by
 * video ({@link VideoFolds#kFold}, left and right files of a video together), the validation list is fold {@code k};
 * fold model {@code i} trains on the other folds and is validated on fold {@code i}. With {@code mix}, one more model
 * trains on train + validation together (its "validation" score is on data it saw, so it only tells the run
 * finished; its test predictions use the last epoch). With checkpoint averaging ({@code ensemble.average: K} in the
 * base file, {@link ExperimentFile.Ensemble}) every model predicts with the average of its last K epochs instead,
 * and the fold scores are the averaged models' validation macro-F1.
 *
 * <p>Writes, under {@code out}: {@code fold-i/train.csv}, {@code fold-i/validation.csv} (or, when the base
 * experiment's lists are Aff-Wild2 annotation folders, the folders {@code fold-i/train/} and
 * {@code fold-i/validation/} holding copies of the annotation files), {@code fold-i/experiment.json} and later
 * {@code fold-i/run/}, {@code fold-i/test-predictions/} (or {@code test-predictions-average-K/}) and, when averaging,
 * {@code fold-i/validation-average-K.json} (and the same for {@code mix/}).
 *
 * @param out     the experiment folder
 * @param folds   the fold runs, in fold order
 * @param mix     the train+validation run, or null
 * @param heldOut the names held out by each fold, in fold order
 */
public record FoldPlan(Path out, List<Fold> folds, Fold mix, List<List<String>> heldOut) {
    /** One model of the plan, predicting with {@code checkpoint}. */
    public record Fold(String name, Path dir, Path experiment, CheckpointChoice checkpoint) {
        /** Its run directory. */
        public Path runDir() {
            return dir.resolve("run");
        }

        /** Where its test predictions go (named by the checkpoint choice when averaging, so a changed choice predicts anew). */
        public Path predictions() {
            return dir.resolve(checkpoint.averaged() ? "test-predictions-" + checkpoint : "test-predictions");
        }

        /** Where the averaged model's validation score goes; null for the best epoch, whose score is in {@code run.json}. */
        Path scoreFile() {
            return checkpoint.averaged() ? dir.resolve("validation-" + checkpoint + ".json") : null;
        }

        /** Validation macro-F1 of the model that predicts, if it finished. */
        public OptionalDouble score() {
            return checkpoint.averaged() ? RunStatus.readScore(scoreFile()) : RunStatus.bestMacroF1(runDir());
        }
    }

    /**
     * Splits, writes the fold lists and experiment files. Deterministic for a base file (its seed drives the split).
     *
     * @param k   total folds including the validation fold (>= 2)
     * @param mix also plan the train+validation model
     * @throws IllegalArgumentException if there are fewer training videos than {@code k-1}, a video is in both lists,
     *                                  or checkpoint averaging asks for more epochs than the runs train
     */
    public static FoldPlan write(ExperimentFile base, int k, boolean mix, Path out) {
        if (k < 2) throw new IllegalArgumentException("cross-validation needs --folds >= 2, got " + k);
        int average = base.ensemble().average();
        if (average > 0) {
            ExperimentConfig.Optimisation t = base.config().training();
            if (average > t.epochs()) {
                throw new IllegalArgumentException("checkpoint averaging of the last " + average + " epochs: " + base.source()
                        + " trains only " + t.epochs() + " (training.epochs)");
            }
            // the runs must keep the epochs they will average; keeping more files changes no result
            if (t.keepCheckpoints() < average) base = base.copy().set("training.keepCheckpoints", average);
        }
        CheckpointChoice foldChoice = average > 0 ? CheckpointChoice.averageLast(average) : CheckpointChoice.BEST;
        CheckpointChoice mixChoice = average > 0 ? foldChoice : CheckpointChoice.LAST;
        Path train = base.dataPath("train"), validation = base.dataPath("validation");
        List<String> trainNames = ItemLists.names(train), valNames = ItemLists.names(validation);
        VideoFolds.checkDisjoint(trainNames, valNames);
        List<List<String>> held = new ArrayList<>(k == 2 ? List.of(trainNames) : VideoFolds.kFold(trainNames, k - 1, base.seed()));
        held.add(valNames);
        List<Path> lists = List.of(train, validation);
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Set<String> rest = new LinkedHashSet<>();
            for (int j = 0; j < k; j++) if (j != i) rest.addAll(held.get(j));
            folds.add(writeFold(base, "fold-" + (i + 1), lists, rest, held.get(i), out, foldChoice));
        }
        Fold mixFold = null;
        if (mix) {
            Set<String> all = new LinkedHashSet<>(trainNames);
            all.addAll(valNames);
            // the library needs a validation list: the validation set, which the mix model also trains on
            mixFold = writeFold(base, "mix", lists, all, valNames, out, mixChoice);
        }
        return new FoldPlan(out, List.copyOf(folds), mixFold, List.copyOf(held));
    }

    private static Fold writeFold(ExperimentFile base, String name, List<Path> lists, Set<String> trainOn,
                                  List<String> validateOn, Path out, CheckpointChoice checkpoint) {
        Path dir = out.resolve(name);
        // the fold lists keep the base lists' form: per-frame labels only survive as annotation files
        boolean folders = java.nio.file.Files.isDirectory(lists.get(0));
        Path t = dir.resolve(folders ? "train" : "train.csv"), v = dir.resolve(folders ? "validation" : "validation.csv");
        ItemLists.subset(lists, trainOn, t);
        ItemLists.subset(lists, validateOn, v);
        Path exp = base.copy().name(base.name() + "-" + name).lists(t, v).write(dir.resolve("experiment.json"));
        return new Fold(name, dir, exp, checkpoint);
    }

    /** Every model of the plan (folds, then mix). */
    public List<Fold> all() {
        List<Fold> a = new ArrayList<>(folds);
        if (mix != null) a.add(mix);
        return a;
    }

    /**
     * One training item per model, the longest first; with a test list each also predicts it.
     *
     * @param testList CSV with a {@code name} column of store videos to predict, or null
     * @param threads  engine threads per training task
     */
    public List<TrainingItem> items(String prefix, Path testList, int threads) {
        List<TrainingItem> items = new ArrayList<>();
        for (Fold f : longestFirst(all())) {
            boolean predict = testList != null;
            // the mix model's validation set is in its training data: no score worth computing
            Path score = f == mix ? null : f.scoreFile();
            items.add(new TrainingItem(prefix + f.name(), StoreLocation.of(f.experiment()), StoreLocation.of(f.runDir()),
                    predict ? StoreLocation.of(testList) : null, predict ? StoreLocation.of(f.predictions()) : null,
                    f.checkpoint().toString(), score == null ? null : StoreLocation.of(score), threads));
        }
        return items;
    }

    /**
     * The models by the size of their training list, largest first (the mix model, then the folds with most
     * annotated frames: an annotation file has a line per frame), so the last models to start on parallel workers
     * are short ones and no worker idles beside one long straggler.
     */
    static List<Fold> longestFirst(List<Fold> folds) {
        List<Fold> sorted = new ArrayList<>(folds);
        Map<Fold, Long> size = new HashMap<>();
        for (Fold f : folds) size.put(f, bytes(f.dir().resolve("train")) + bytes(f.dir().resolve("train.csv")));
        sorted.sort(Comparator.comparing((Fold f) -> size.get(f)).reversed());
        return sorted;
    }

    private static long bytes(Path p) {
        try (Stream<Path> s = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
            long total = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) total += Files.size(f);
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
