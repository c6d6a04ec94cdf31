package org.affect4j.runs;

import java.util.List;

/**
 * What one epoch achieved. Immutable.
 *
 * @param epoch          1-based epoch
 * @param trainLoss      mean training objective (R-Drop loss) over the epoch's steps
 * @param validationLoss mean cross-entropy over annotated validation frames
 * @param macroF1        validation macro-F1 over all classes (METHOD §1)
 * @param accuracy       validation frame accuracy
 * @param perClassF1     validation F1 per class
 * @param learningRate   the rate used in this epoch
 * @param seconds        wall time of training plus validation
 */
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, double macroF1, double accuracy,
                           List<Double> perClassF1, double learningRate, double seconds) {
    public EpochMetrics {
        perClassF1 = List.copyOf(perClassF1);
    }
}
