package org.affect4j.eval;

import org.affect4j.data.ExprClass;

/**
 * The scores of predictions against gold labels over the 8 ABAW expression classes, pooled over all annotated
 * frames of all videos (not averaged per video), as the challenge scores them.
 *
 * <p>Per-class F1 is {@code 2 TP / (2 TP + FP + FN)}; a class with no gold and no predicted frame has F1 = 0,
 * and macro-F1 is the plain mean over all 8 classes. This is sklearn's
 * {@code f1_score(y_true, y_pred, average="macro", labels=range(8), zero_division=0)}: a class absent from the
 * data still pulls the mean down, which is the challenge's definition. Precision and recall follow the same
 * zero-division rule. Immutable and thread-safe.
 */
public final class Evaluation {
    private final ConfusionMatrix confusion;
    private final int videos;

    /**
     * @param confusion counts of annotated frames, rows gold
     * @param videos    how many videos (annotation files) contributed, for reporting only
     */
    public Evaluation(ConfusionMatrix confusion, int videos) {
        if (videos < 0) throw new IllegalArgumentException("negative video count " + videos);
        this.confusion = confusion;
        this.videos = videos;
    }

    /** Macro-F1: the mean of the 8 per-class F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < ExprClass.COUNT; c++) sum += f1(c);
        return sum / ExprClass.COUNT;
    }

    /**
     * Macro-F1 over the classes present in gold only: the figure to compare with published results on corpora that
     * lack some ABAW classes (FER2013 and RAVDESS have no "Other"), where sklearn's {@code f1_score(average="macro")}
     * sees only the labels that occur. 0 when gold is empty.
     */
    public double macroF1OverGoldClasses() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < ExprClass.COUNT; c++) {
            if (confusion.goldCount(c) > 0) {
                sum += f1(c);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** F1 of class {@code cls} (0..7); 0 when the class is neither in gold nor predicted. */
    public double f1(int cls) {
        long denominator = confusion.goldCount(cls) + confusion.predictedCount(cls);
        return denominator == 0 ? 0.0 : 2.0 * confusion.count(cls, cls) / denominator;
    }

    /** F1 of each class, in class index order. */
    public double[] perClassF1() {
        double[] f = new double[ExprClass.COUNT];
        for (int c = 0; c < f.length; c++) f[c] = f1(c);
        return f;
    }

    /** Precision of class {@code cls}; 0 when it is never predicted. */
    public double precision(int cls) {
        long predicted = confusion.predictedCount(cls);
        return predicted == 0 ? 0.0 : (double) confusion.count(cls, cls) / predicted;
    }

    /** Recall of class {@code cls}; 0 when it never occurs in gold. */
    public double recall(int cls) {
        long gold = confusion.goldCount(cls);
        return gold == 0 ? 0.0 : (double) confusion.count(cls, cls) / gold;
    }

    /** Fraction of annotated frames predicted correctly; 0 when no frame was scored. */
    public double accuracy() {
        long total = confusion.total();
        return total == 0 ? 0.0 : (double) confusion.correct() / total;
    }

    /** Annotated frames scored (gold {@code -1} frames are not counted). */
    public long frames() {
        return confusion.total();
    }

    /** Videos (annotation files) that contributed. */
    public int videos() {
        return videos;
    }

    /** The confusion matrix, rows gold. */
    public ConfusionMatrix confusion() {
        return confusion;
    }

    @Override
    public String toString() {
        return String.format("Evaluation[macroF1=%.4f, accuracy=%.4f, frames=%d, videos=%d]", macroF1(), accuracy(), frames(), videos);
    }
}
