package org.affect4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.affect4j.ensemble.EnsembleRuleFactory;
import org.affect4j.ensemble.MajorityVote;
import org.junit.jupiter.api.Test;

class RegistryTest {
    @Test
    void builtInRulesAreFoundThroughServicesInOrder() {
        Registry<EnsembleRuleFactory> rules = Registry.load(EnsembleRuleFactory.class, "ensemble rule");
        assertEquals(List.of("vote", "mean"), rules.names());
        assertEquals(MajorityVote.class, rules.get("vote").create(null).getClass());
    }

    @Test
    void anUnknownNameNamesTheNearestAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnsembleRuleFactory.RULES.get("Vote "));
        assertEquals("unknown ensemble rule 'Vote '; did you mean 'vote'? (known: vote, mean)", e.getMessage());
    }
}
