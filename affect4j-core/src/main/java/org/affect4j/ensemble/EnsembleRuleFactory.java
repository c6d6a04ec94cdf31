package org.affect4j.ensemble;

import org.affect4j.util.AbstractPlugin;
import org.affect4j.util.Plugin;
import org.affect4j.util.Registry;

/**
 * Makes one kind of {@link EnsembleRule} by name ({@code ensemble --rule NAME}, {@code cv --rule NAME}, config
 * {@code ensemble.rule: NAME}). Built in: {@code vote} ({@link MajorityVote}) and {@code mean}
 * ({@link ProbabilityAverage}); add one with a class implementing this interface and a line in
 * {@code META-INF/services/org.affect4j.ensemble.EnsembleRuleFactory}.
 */
public interface EnsembleRuleFactory extends Plugin {
    /** Every known rule. */
    Registry<EnsembleRuleFactory> RULES = Registry.load(EnsembleRuleFactory.class, "ensemble rule");

    /**
     * The rule for members of known validation quality.
     *
     * @param validationF1 each member's validation macro-F1, in member order, or null when unknown
     */
    EnsembleRule create(double[] validationF1);

    /** True when {@link #create} makes use of the members' validation F1 (to break ties, to weigh...). */
    default boolean usesValidationF1() {
        return false;
    }

    /** {@code vote}: per-frame majority vote, ties to the member of best validation F1. */
    final class Vote extends AbstractPlugin implements EnsembleRuleFactory {
        public Vote() {
            super("vote", "per-frame majority vote of the members' labels; ties go to the member of best validation macro-F1");
        }

        @Override
        public EnsembleRule create(double[] validationF1) {
            return validationF1 == null ? new MajorityVote() : new MajorityVote(validationF1);
        }

        @Override
        public boolean usesValidationF1() {
            return true;
        }
    }

    /** {@code mean}: per-frame mean of the members' probabilities. */
    final class Mean extends AbstractPlugin implements EnsembleRuleFactory {
        public Mean() {
            super("mean", "per-frame (weighted) mean of the members' class probabilities, label its arg-max");
        }

        @Override
        public EnsembleRule create(double[] validationF1) {
            return new ProbabilityAverage();
        }
    }
}
