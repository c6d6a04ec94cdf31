package org.affect4j.cli;

import java.util.List;
import org.affect4j.data.FramePredictions;
import org.affect4j.ensemble.EnsembleRule;
import org.affect4j.ensemble.EnsembleRuleFactory;

/** A test plug-in: the ensemble is its first member. Registered only in the test resources' services file. */
public final class FirstMemberRule implements EnsembleRuleFactory {
    @Override
    public String name() {
        return "first";
    }

    @Override
    public String description() {
        return "the first member's labels (a test plug-in)";
    }

    @Override
    public EnsembleRule create(double[] validationF1) {
        return new EnsembleRule() {
            @Override
            public FramePredictions combine(List<FramePredictions> members, double[] weights) {
                return members.get(0);
            }

            @Override
            public String toString() {
                return "first member";
            }
        };
    }
}
