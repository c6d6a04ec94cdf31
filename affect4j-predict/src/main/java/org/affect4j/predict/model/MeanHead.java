package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Arrays;
import java.util.List;

/**
 * An ensemble of heads on the same input: the mean of their probabilities. Perceptrons trained from different seeds
 * err on different pictures, and their mean is steadier than any one of them (the epoch-to-epoch swing of one
 * perceptron's validation score is about as large as the gain the recipe looks for).
 *
 * @param members the heads averaged; all read the same features and predict the same classes
 */
public record MeanHead(List<Head> members) implements Head {
    public MeanHead {
        if (members == null || members.isEmpty()) throw new IllegalArgumentException("a mean head needs at least one member");
        members = List.copyOf(members);
        Head first = members.get(0);
        for (Head h : members) {
            if (h.features() != first.features() || !Arrays.equals(h.classIndex(), first.classIndex())) {
                throw new IllegalArgumentException("the members of a mean head must read the same " + first.features()
                        + " features and predict the same classes");
            }
        }
    }

    @Override
    @JsonIgnore
    public int[] classIndex() {
        return members.get(0).classIndex();
    }

    @Override
    @JsonIgnore
    public int features() {
        return members.get(0).features();
    }

    @Override
    public Scorer scorer() {
        Scorer[] scorers = members.stream().map(Head::scorer).toArray(Scorer[]::new);
        return row -> {
            double[] mean = scorers[0].probabilities(row);
            for (int k = 1; k < scorers.length; k++) {
                double[] p = scorers[k].probabilities(row);
                for (int c = 0; c < mean.length; c++) mean[c] += p[c];
            }
            for (int c = 0; c < mean.length; c++) mean[c] /= scorers.length;
            return mean;
        };
    }
}
