package org.affect4j.ensemble;

import org.affect4j.data.DataFormatException;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.PredictionReader;
import org.affect4j.data.PredictionWriter;
import org.affect4j.data.VideoFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Applies an {@link EnsembleRule} to prediction directories, one video at a time: for every video name found in
 * any member directory, every member must have {@code <name>.txt} (any prediction format) with the same number of
 * frames; the combined prediction is written to {@code out/<name>.txt}, atomically, as probabilities if the rule
 * produced them, else as labels (annotation format). Immutable.
 */
public final class DirectoryEnsemble {
    private final EnsembleRule rule;
    private final double[] weights;

    /**
     * @param rule    how to combine
     * @param weights one weight per member directory, or {@code null} for equal weights
     */
    public DirectoryEnsemble(EnsembleRule rule, double[] weights) {
        this.rule = rule;
        this.weights = weights == null ? null : weights.clone();
    }

    /**
     * Combines the member directories into {@code out}.
     *
     * @return the names of the videos written, sorted
     * @throws DataFormatException      if a member lacks a video, a file is malformed or frame counts differ
     * @throws IllegalArgumentException if {@code out} is one of the inputs or the weights do not fit
     */
    public List<String> run(List<Path> memberDirs, Path out) {
        List<VideoFiles> members = new ArrayList<>();
        for (Path dir : memberDirs) {
            if (dir.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the output directory " + out + " is also an input; choose another");
            }
            members.add(VideoFiles.of(dir));
        }
        if (weights != null && weights.length != members.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + members.size() + " prediction directories");
        }
        SortedSet<String> names = new TreeSet<>();
        members.forEach(m -> names.addAll(m.names()));
        for (String name : names) {
            PredictionWriter.write(VideoFiles.file(out, name), rule.combine(read(members, name), weights));
        }
        return List.copyOf(names);
    }

    /** Every member's prediction of one video, checked for presence and equal frame counts. */
    private static List<FramePredictions> read(List<VideoFiles> members, String name) {
        List<FramePredictions> predictions = new ArrayList<>();
        for (VideoFiles m : members) {
            if (!m.contains(name)) {
                throw new DataFormatException(m.file(name), "missing: other ensemble members predict video " + name);
            }
            FramePredictions p = PredictionReader.read(m.file(name));
            if (!predictions.isEmpty() && p.frames() != predictions.get(0).frames()) {
                throw new DataFormatException(m.file(name), p.frames() + " frames, but " + members.get(0).file(name)
                        + " has " + predictions.get(0).frames());
            }
            predictions.add(p);
        }
        return predictions;
    }
}
