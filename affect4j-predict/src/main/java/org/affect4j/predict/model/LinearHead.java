package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.affect4j.linear.SoftmaxRegression;

/**
 * A softmax regression head. Its numbers are saved as base64 ({@link Base64Arrays}: float32 for the standardisation,
 * float64 for the weights, one string per class), read back bit for bit; older files' arrays of decimals still read.
 *
 * @param classIndex ABAW index of each of the regression's classes
 * @param mean       standardisation means
 * @param std        standardisation divisors
 * @param weights    {@code [classes][features]}
 * @param bias       {@code [classes]}
 */
public record LinearHead(int[] classIndex,
                         @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] mean,
                         @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] std,
                         @JsonSerialize(contentUsing = Base64Arrays.F64Out.class) @JsonDeserialize(contentUsing = Base64Arrays.F64In.class) double[][] weights,
                         @JsonSerialize(using = Base64Arrays.F64Out.class) @JsonDeserialize(using = Base64Arrays.F64In.class) double[] bias)
        implements Head {
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
