package org.affect4j.runs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Checkpoint averaging (METHOD §4): the element-wise mean of the parameters of several epoch checkpoints of one run,
 * saved as {@code RUN/checkpoints/average-<epochs>/} (for example {@code average-0023-0024-0025}) with the same
 * hashed layout as the others, loadable with {@link org.affect4j.inference.RunPredictor#load(Path, String)}. Usage:
 * <pre>
 * Path avg = CheckpointAveraging.averageLast(Path.of("runs/exp1"), 3);
 * try (RunPredictor p = RunPredictor.load(Path.of("runs/exp1"), avg.getFileName().toString())) { ... }
 * </pre>
 * A run keeps only its best and last epochs unless trained with {@code training.keepCheckpoints: N}.
 */
public final class CheckpointAveraging {
    private CheckpointAveraging() {
    }

    /**
     * Averages the last {@code k} epochs of a run (the epoch {@code last.json} names and the {@code k - 1} before it).
     *
     * @return the averaged checkpoint folder
     * @throws IllegalArgumentException not a run, {@code k < 1}, or one of those epochs has no (sound) checkpoint
     */
    public static Path averageLast(Path runDir, int k) {
        if (k < 1) throw new IllegalArgumentException("the number of checkpoints to average must be >= 1, got " + k);
        requireRun(runDir);
        Path last = new Checkpoints(runDir).folder(Checkpoints.Tag.LAST)
                .orElseThrow(() -> new IllegalArgumentException("run " + runDir + " has no checkpoint yet"));
        int lastEpoch = Checkpoints.readState(last).epoch();
        if (k > lastEpoch) {
            throw new IllegalArgumentException("cannot average the last " + k + " checkpoints of " + runDir
                    + ": the run has only " + lastEpoch + " epoch(s)");
        }
        List<Integer> epochs = new ArrayList<>();
        for (int e = lastEpoch - k + 1; e <= lastEpoch; e++) epochs.add(e);
        return average(runDir, epochs);
    }

    /**
     * Averages the checkpoints of the given epochs (order and repeats do not matter).
     *
     * @return the averaged checkpoint folder
     * @throws IllegalArgumentException not a run, no epochs, or an epoch has no (sound) checkpoint
     */
    public static Path average(Path runDir, List<Integer> epochList) {
        Path configFile = requireRun(runDir);
        List<Integer> epochs = new ArrayList<>(new TreeSet<>(epochList));
        if (epochs.isEmpty()) throw new IllegalArgumentException("no epochs to average");
        Checkpoints cps = new Checkpoints(runDir);
        List<Path> folders = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int e : epochs) {
            Path f = cps.epochFolder(e);
            if (Files.isDirectory(f)) folders.add(f); else missing.add(e);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("run " + runDir + " has no checkpoint for epoch(s) " + missing
                    + " (it has " + cps.epochs() + "; train with training.keepCheckpoints: N to keep the last N epochs)");
        }
        DjlRuntime.start(0);
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        int inputSize = Checkpoints.inputSize(folders.get(0));
        List<String> hashes = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            ExpressionNet net = new ExpressionNet(inputSize, config.model());
            List<String> names = new ArrayList<>();
            List<double[]> sums = new ArrayList<>();
            for (Path f : folders) {
                try (NDManager sub = manager.newSubManager()) {
                    Checkpoints.loadModel(f, net, sub);
                    hashes.add(Checkpoints.modelSha256(f));
                    int i = 0;
                    for (Pair<String, Parameter> p : net.getParameters()) {
                        NDArray a = p.getValue().getArray();
                        if (a.getDataType() != DataType.FLOAT32) {
                            throw new IllegalArgumentException("checkpoint " + f + ": parameter " + p.getKey() + " is "
                                    + a.getDataType() + ", only float32 parameters can be averaged");
                        }
                        float[] v = a.toFloatArray();
                        if (sums.size() == i) {
                            names.add(p.getKey());
                            sums.add(new double[v.length]);
                        }
                        double[] s = sums.get(i);
                        if (!names.get(i).equals(p.getKey()) || s.length != v.length) {
                            throw new IllegalArgumentException("checkpoint " + f + " does not match the other checkpoints"
                                    + " at parameter " + p.getKey());
                        }
                        for (int j = 0; j < v.length; j++) s[j] += v[j];
                        i++;
                    }
                }
            }
            // load the last checkpoint once more (arrays owned by `manager`), then overwrite it with the means
            Checkpoints.loadModel(folders.get(folders.size() - 1), net, manager);
            int i = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                double[] s = sums.get(i++);
                float[] mean = new float[s.length];
                for (int j = 0; j < s.length; j++) mean[j] = (float) (s[j] / folders.size());
                NDArray a = p.getValue().getArray();
                a.setRequiresGradient(false);
                a.set(mean);
            }
            return cps.saveAveraged(net, epochs, hashes);
        }
    }

    private static Path requireRun(Path runDir) {
        Path configFile = runDir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(runDir + " is not a run directory (no config.json)");
        }
        return configFile;
    }
}
