package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.affect4j.linear.SoftmaxRegression;

/**
 * A softmax regression head.
 *
 * @param classIndex ABAW index of each of the regression's classes
 * @param mean       standardisation means
 * @param std        standardisation divisors
 * @param weights    {@code [classes][features]}
 * @param bias       {@code [classes]}
 */
public record LinearHead(int[] classIndex, float[] mean, float[] std, double[][] weights, double[] bias) implements Head {
    public LinearHead {
        Head.checkClasses(classIndex, bias.length);
    }

    /** Wraps a fitted regression. */
    public static LinearHead of(SoftmaxRegression r, int[] classIndex) {
        return new LinearHead(classIndex, r.mean(), r.std(), r.weights(), r.bias());
    }

    SoftmaxRegression regression() {
        return new SoftmaxRegression(mean, std, weights, bias);
    }

    @Override
    @JsonIgnore
    public int features() {
        return mean.length;
    }

    @Override
    public Scorer scorer() {
        SoftmaxRegression r = regression();
        return row -> Head.toAbaw(r.probabilities(row), classIndex);
    }
}
