package org.affect4j.predict.recipe;

import java.util.ArrayList;
import java.util.List;

/** Training examples gathered from a store: feature rows, their labels and the group (utterance) they came from. */
final class LabelledRows {
    final List<float[]> x = new ArrayList<>();
    final List<Integer> y = new ArrayList<>();
    final List<String> group = new ArrayList<>();

    void add(float[] row, int label, String g) {
        x.add(row);
        y.add(label);
        group.add(g);
    }

    float[][] features() {
        return x.toArray(new float[0][]);
    }

    int[] labels() {
        return y.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return x.size();
    }
}
