package org.affect4j.predict.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.data.ExprAnnotations;
import org.affect4j.eval.Evaluation;
import org.affect4j.inference.RunPredictor;
import org.affect4j.models.NumericPath;
import org.affect4j.predict.LateFusionModel;
import org.affect4j.predict.model.FeatureRows;
import org.affect4j.predict.model.TransformerNet;
import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.predict.model.WeightPrecision;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.runs.RunDirectory;
import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.MatrixWriter;
import org.affect4j.store.VideoInfo;
import org.affect4j.training.Training;
import org.affect4j.training.TrainingListener;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The voice branch trained as a temporal network ({@link RecipeConfig.Encoder}) by the research trainer: the
 * recordings' descriptor rows, resampled to steps exactly as {@link VoiceEncoder} resamples them at predict time,
 * are written as "videos" of a feature store whose speech steps carry the recording's label (other steps -1, they
 * do not count); three runs (choose the epoch count, measure, ship) are trained with {@link Training}; the networks
 * are copied into the model file ({@link TransformerNetExport}). Every figure is measured through the predict path
 * (the recipe's per-file scoring).
 *
 * <p>The build resumes: a run whose rows (a digest of the written steps and labels), lists and settings are those of
 * a run already in the work folder is reused when finished and continued from its last checkpoint when not, so
 * rerunning an interrupted build, or one that asks for more members, trains only what is missing.
 */
final class VoiceEncoderTraining {
    /** Scores a candidate branch on recordings as a user meets it (the recipe's per-file scoring). */
    interface Scoring {
        Evaluation score(LateFusionModel.Audio branch, List<DefaultModelRecipe.Voice> files, Path csv);
    }

    private static final String FEATURE = "voice";
    private final RecipeConfig.Audio a;
    private final RecipeConfig.Encoder e;
    private final FeatureStore work;
    private final int threads;
    private final WeightPrecision weights;
    private final Consumer<String> log;
    private final List<String> names;
    private final Path dir;
    private int[] classes;
    private String stepsDigest;

    VoiceEncoderTraining(RecipeConfig.Audio a, FeatureStore work, int threads, WeightPrecision weights, Consumer<String> log,
                         List<String> names) {
        this.weights = weights;
        this.a = a;
        this.e = a.encoder();
        this.work = work;
        this.threads = threads;
        this.log = log;
        this.names = names;
        this.dir = work.root().resolve("voice-encoder");
    }

    LateFusionModel.Audio build(List<DefaultModelRecipe.Voice> voices, Map<String, String> description, Scoring scoring)
            throws IOException {
        // the networks output all ABAW classes; the branch speaks for those its recordings hold (RAVDESS: no Other)
        classes = DefaultModelRecipe.presentClasses(voices.stream().mapToInt(DefaultModelRecipe.Voice::label).toArray());
        FeatureStore steps = writeSteps(voices);
        List<DefaultModelRecipe.Voice> val = of(voices, DefaultModelRecipe.Role.VALIDATION);
        List<DefaultModelRecipe.Voice> test = of(voices, DefaultModelRecipe.Role.TEST);
        Set<DefaultModelRecipe.Role> fitRoles = Set.of(DefaultModelRecipe.Role.TRAIN, DefaultModelRecipe.Role.TRAIN_COPY,
                DefaultModelRecipe.Role.VALIDATION, DefaultModelRecipe.Role.VALIDATION_COPY);

        // 1. the epoch count, chosen on the validation actors
        Training.Result choose = train("choose", e.seed(), steps, voices, Set.of(DefaultModelRecipe.Role.TRAIN,
                DefaultModelRecipe.Role.TRAIN_COPY), val, e.training().path("epochs").asInt());
        int epochs = Math.max(1, choose.bestEpoch());
        LateFusionModel.Audio chosenBranch = branch(List.of(choose.runDir()), false);
        Evaluation v = scoring.score(chosenBranch, val, null);
        String chosen = String.format("%d epochs chosen on actors %s (frame macro-F1 %.3f; per-file through the predict path %.3f)",
                epochs, a.validationActors(), choose.best().macroF1(), v.macroF1OverGoldClasses());
        List<DefaultModelRecipe.Voice> perturbed = of(voices, DefaultModelRecipe.Role.PERTURBED_VALIDATION);
        if (!perturbed.isEmpty()) {
            // the same recordings perturbed (speed, gain, reverberation, band limits, noise): a channel-robustness check
            Evaluation p = scoring.score(chosenBranch, perturbed, null);
            chosen += String.format("; robustness check: %.3f on %d perturbed copies of them", p.macroF1OverGoldClasses(), perturbed.size());
        }
        log.accept("voice encoder: " + chosen);

        // 2. the figure: that many epochs on all training actors, scored on the test actors
        String figure;
        LateFusionModel.Audio measured = null;
        if (test.isEmpty()) {
            figure = "no test actors in this recipe (" + chosen + ")";
        } else {
            measured = branch(members("measure", steps, voices, fitRoles, val, epochs), true);
            Evaluation t = scoring.score(measured, test, work.root().resolve("voice-test-labels.csv"));
            figure = String.format("RAVDESS unseen actors %s (%d recordings, each through the predict path, label = its "
                            + "most frequent frame label): macro-F1 %.3f over its 7 classes, accuracy %.3f (%d member%s trained on actors %s; %s)",
                    a.testActors(), t.frames(), t.macroF1OverGoldClasses(), t.accuracy(), e.members(),
                    e.members() == 1 ? "" : "s", a.trainActors(), chosen);
        }
        log.accept("voice branch: " + figure);

        // 3. what ships
        LateFusionModel.Audio shipped;
        String trainedOn;
        if (a.shipAllActors() && !test.isEmpty()) {
            Set<DefaultModelRecipe.Role> every = new java.util.HashSet<>(fitRoles);
            every.add(DefaultModelRecipe.Role.TEST);
            shipped = branch(members("ship", steps, voices, every, val, epochs), true);
            trainedOn = "every actor (the figure is of the same recipe trained on " + a.trainActors() + ")";
        } else {
            shipped = measured != null ? measured : branch(members("measure", steps, voices, fitRoles, val, epochs), true);
            trainedOn = "actors " + a.trainActors();
        }
        // the training section as the trainer read it (its defaults, its checks), from the choosing run's config
        ExperimentConfig.Optimisation trained = ExperimentConfigs.load(choose.runDir().resolve("config.json")).training();
        description.put("voice branch", DefaultModelRecipe.transformers(e.members())
                + " (" + e.model() + ", " + epochs + " epochs) over " + String.join(" + ", a.features())
                + " (" + a.normalise() + "-normalised per recording) at " + e.stepRate() + " steps/s, speech steps labelled, trained with the research trainer ("
                + trained.loss() + " loss" + masks(trained) + ") on RAVDESS "
                + trainedOn + (a.augmentCopies() > 0 ? " and " + a.augmentCopies() + " perturbed copies of each training recording" : "")
                + "; engine kernels " + NumericPath.describe() + (NumericPath.isPinned() ? " (the same numbers on any x86-64 CPU with AVX2)"
                : " (as this CPU, " + NumericPath.cpu() + ", picked them: another CPU trains other numbers)")
                + (weights == WeightPrecision.INT8 ? "; weight matrices stored in 8 bits" : ""));
        description.put("voice branch, measured", figure);
        return shipped;
    }

    /** The SpecAugment masks the members trained with, as the description says them ("" for none). */
    private static String masks(ExperimentConfig.Optimisation t) {
        int time = t.timeMasks(), steps = t.timeMaskSteps(), columns = t.columnMasks(), width = t.columnMaskWidth();
        List<String> parts = new ArrayList<>();
        if (time > 0 && steps > 0) parts.add(time + " time span" + (time == 1 ? "" : "s") + " of up to " + steps + " steps");
        if (columns > 0 && width > 0) parts.add(columns + " band" + (columns == 1 ? "" : "s") + " of up to " + width + " columns");
        return parts.isEmpty() ? "" : ", SpecAugment masks per segment: " + String.join(" and ", parts);
    }

    private static List<DefaultModelRecipe.Voice> of(List<DefaultModelRecipe.Voice> voices, DefaultModelRecipe.Role role) {
        return voices.stream().filter(v -> v.role() == role).toList();
    }

    /** Every recording (not the perturbed validation copies) as steps, speech steps labelled. */
    private FeatureStore writeSteps(List<DefaultModelRecipe.Voice> voices) throws IOException {
        Path root = dir.resolve("store");
        deleteTree(root);
        deleteTree(dir.resolve("labels"));
        FeatureStore store = new FeatureStore(root);
        MessageDigest digest = Sha256.digest();
        int dim = -1, written = 0;
        for (DefaultModelRecipe.Voice v : voices) {
            if (v.role() == DefaultModelRecipe.Role.PERTURBED_VALIDATION) continue;
            written++;
            Map<String, FeatureMatrix> f = new LinkedHashMap<>();
            for (String n : names) f.put(n, work.get(n, v.name()));
            FeatureMatrix x = FeatureRows.concat(f, a.features());
            boolean[] gate = FeatureRows.gate(f.get(a.gate()), a.gateThreshold());
            double rate = work.video(v.name()).orElseThrow().fps();
            VoiceEncoder.Steps s = VoiceEncoder.resample(LateFusionModel.normalised(x, gate, a.normalise()), gate, rate, e.stepRate());
            if (dim < 0) {
                dim = x.dim();
                store.putDescriptor(new FeatureDescriptor(FEATURE, dim, 0, VoiceEncoderTraining.class.getName(), "1",
                        Map.of("features", String.join("+", a.features()), "stepRate", Double.toString(e.stepRate()))));
            }
            int[] labels = new int[s.speech().length];
            ByteBuffer bytes = ByteBuffer.allocate(4 * dim + 5);
            digest.update(v.name().getBytes(StandardCharsets.UTF_8));
            try (MatrixWriter w = store.writer(FEATURE, v.name())) {
                for (int i = 0; i < labels.length; i++) {
                    float[] r = s.rows()[i];
                    float[] row = r != null ? r : new float[dim];
                    w.append(row, r != null);
                    labels[i] = s.speech()[i] ? v.label() : -1;
                    bytes.clear();
                    bytes.asFloatBuffer().put(row);
                    bytes.position(4 * dim);
                    bytes.put((byte) (r != null ? 1 : 0)).putInt(labels[i]);
                    digest.update(bytes.array(), 0, bytes.position());
                }
                w.commit();
            }
            store.putVideo(new VideoInfo(v.name(), labels.length, e.stepRate(), v.name()));
            Path labelFile = dir.resolve("labels").resolve(v.name() + ".txt");
            Files.createDirectories(labelFile.getParent());
            ExprAnnotations.write(labelFile, labels);
        }
        log.accept("voice encoder: " + written + " recordings written as " + e.stepRate() + " steps/s to " + root);
        stepsDigest = Sha256.hex(digest);
        return store;
    }

    /** The members' runs: seeds {@code seed, seed+1, ...}. */
    private List<Path> members(String name, FeatureStore steps, List<DefaultModelRecipe.Voice> voices,
                               Set<DefaultModelRecipe.Role> trainRoles, List<DefaultModelRecipe.Voice> val, int epochs)
            throws IOException {
        List<Path> runs = new java.util.ArrayList<>();
        for (int k = 0; k < e.members(); k++) {
            runs.add(train(name + "-" + k, e.seed() + k, steps, voices, trainRoles, val, epochs).runDir());
        }
        return runs;
    }

    /** One research run: its own training and validation lists (label files copied from the written ones). */
    private Training.Result train(String name, long seed, FeatureStore steps, List<DefaultModelRecipe.Voice> voices,
                                  Set<DefaultModelRecipe.Role> trainRoles, List<DefaultModelRecipe.Voice> val, int epochs)
            throws IOException {
        Path lists = dir.resolve("lists").resolve(name);
        deleteTree(lists);
        Path trainDir = Files.createDirectories(lists.resolve("Train_Set"));
        Path valDir = Files.createDirectories(lists.resolve("Validation_Set"));
        for (DefaultModelRecipe.Voice v : voices) {
            if (trainRoles.contains(v.role())) copyLabels(v, trainDir);
        }
        for (DefaultModelRecipe.Voice v : val) copyLabels(v, valDir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = json.createObjectNode();
        c.put("name", "voice-encoder-" + name);
        c.put("seed", seed);
        ObjectNode data = c.putObject("data");
        data.put("store", steps.root().toAbsolutePath().toString());
        data.put("train", trainDir.toAbsolutePath().toString());
        data.put("validation", valDir.toAbsolutePath().toString());
        c.putArray("features").add(FEATURE);
        c.set("model", e.model().deepCopy());
        ObjectNode training = (ObjectNode) e.training().deepCopy();
        training.put("epochs", epochs);
        c.set("training", training);
        Path config = lists.resolve("experiment.json");
        String experiment = json.writerWithDefaultPrettyPrinter().writeValueAsString(c);
        AtomicFiles.writeString(config, experiment);
        Path run = dir.resolve("runs").resolve(name);
        // what the run learns from: the rows and labels, which recordings train and validate, the settings
        String key = Sha256.of(String.join("\0", stepsDigest, experiment, listing(trainDir), listing(valDir)));
        Path marker = dir.resolve("runs").resolve(name + ".inputs");
        boolean same = Files.isRegularFile(marker) && Files.readString(marker).equals(key);
        boolean finished = RunDirectory.finished(run);
        if (same && finished && resolvedAsBefore(config, run)) {
            log.accept("voice encoder: '" + name + "' reused from " + run + " (finished on the same rows and settings)");
            return Training.finished(run);
        }
        // a finished run the trainer now reads differently (its defaults changed) is trained afresh
        boolean resume = same && !finished && Files.isRegularFile(run.resolve("run.json"));
        if (!same) AtomicFiles.writeString(marker, key);
        log.accept("voice encoder: " + (resume ? "resuming" : "training") + " '" + name + "' (" + epochs + " epochs) in " + run);
        return Training.run(config, run, new TrainingListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
                log.accept(String.format("voice encoder '%s': epoch %d, train loss %.4f, validation frame macro-F1 %.3f (%.0f s)",
                        name, m.epoch(), m.trainLoss(), m.macroF1(), m.seconds()));
            }
        }, new Training.Options(!resume, threads));
    }

    /** True when the run's config.json is what the trainer resolves the experiment to today (its defaults unchanged). */
    private static boolean resolvedAsBefore(Path experiment, Path run) throws IOException {
        Path kept = run.resolve("config.json");
        return Files.isRegularFile(kept) && RunDirectory.sameConfig(kept, ExperimentConfigs.toJson(ExperimentConfigs.load(experiment)));
    }

    /** The recordings of a list folder, sorted. */
    private static String listing(Path listDir) throws IOException {
        try (Stream<Path> s = Files.list(listDir)) {
            return String.join("\n", s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private void copyLabels(DefaultModelRecipe.Voice v, Path to) throws IOException {
        Files.copy(dir.resolve("labels").resolve(v.name() + ".txt"), to.resolve(v.name() + ".txt"));
    }

    /** The voice branch holding the runs' best ({@code last} false) or last networks as its members. */
    private LateFusionModel.Audio branch(List<Path> runDirs, boolean last) {
        List<TransformerNet> nets = new java.util.ArrayList<>();
        int segment = 0;
        for (Path runDir : runDirs) {
            try (RunPredictor p = RunPredictor.load(runDir, last)) {
                float[] mean = toFloat(p.standardiser() == null ? new double[p.net().inputSize()] : p.standardiser().mean());
                float[] std = toFloat(p.standardiser() == null ? ones(p.net().inputSize()) : p.standardiser().divisor());
                nets.add(weights.apply(TransformerNetExport.of(p.net(), mean, std), TransformerNet.class)); // measured as it ships
                segment = p.config().model().segmentLength();
            }
        }
        return new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(), a.halfWindowSeconds(),
                a.normalise(), null, null, "speech", new VoiceEncoder(nets, e.stepRate(), segment, classes));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return d;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
    }
}
