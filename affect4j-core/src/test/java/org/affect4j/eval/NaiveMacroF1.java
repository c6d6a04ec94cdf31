package org.affect4j.eval;

import java.util.List;

/**
 * Test support: sklearn's {@code f1_score(average="macro", labels=range(8), zero_division=0)} written out plainly
 * (per class via precision and recall, as sklearn defines it) over pooled (gold, predicted) pairs of annotated
 * frames. It shares no code with {@link Evaluator}, so agreement between the two is evidence, not tautology.
 *
 * @param gold gold labels 0..7 of the annotated frames
 * @param pred predicted labels of the same frames
 */
public record NaiveMacroF1(List<Integer> gold, List<Integer> pred) {
    /** Counts {@code [gold][pred]}. */
    public long[][] confusion() {
        long[][] c = new long[8][8];
        for (int i = 0; i < gold.size(); i++) c[gold.get(i)][pred.get(i)]++;
        return c;
    }

    public double f1(int c) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean isGold = gold.get(i) == c;
            boolean isPred = pred.get(i) == c;
            if (isGold && isPred) tp++;
            else if (isPred) fp++;
            else if (isGold) fn++;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < 8; c++) sum += f1(c);
        return sum / 8;
    }

    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) if (gold.get(i).equals(pred.get(i))) correct++;
        return gold.isEmpty() ? 0 : (double) correct / gold.size();
    }
}
