package org.affect4j.ensemble;

import org.affect4j.data.FramePredictions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MajorityVoteTest {
    private static FramePredictions labels(int... l) {
        return FramePredictions.ofLabels(l);
    }

    @Test
    void majorityWins() {
        FramePredictions out = new MajorityVote().combine(List.of(labels(1, 2, 3), labels(1, 4, 3), labels(5, 4, 3)));
        assertArrayEquals(new int[]{1, 4, 3}, out.labels());
        assertFalse(out.hasProbabilities());
    }

    @Test
    void tiesGoToTheModelWithTheBestValidationF1() {
        List<FramePredictions> m = List.of(labels(1, 1), labels(2, 2), labels(3, 2));
        // frame 0: three-way tie; frame 1: class 2 has two votes and wins outright
        assertArrayEquals(new int[]{2, 2}, new MajorityVote(0.30, 0.41, 0.35).combine(m).labels());
        assertArrayEquals(new int[]{3, 2}, new MajorityVote(0.30, 0.35, 0.41).combine(m).labels());
        // equal F1 or none given: the earlier member wins
        assertArrayEquals(new int[]{1, 2}, new MajorityVote(0.4, 0.4, 0.4).combine(m).labels());
        assertArrayEquals(new int[]{1, 2}, new MajorityVote().combine(m).labels());
    }

    @Test
    void tieBetweenPairsGoesToTheBestModelAmongTheirVoters() {
        // classes 1 and 2 have two votes each; the best model (index 3) votes 2
        List<FramePredictions> m = List.of(labels(1), labels(1), labels(2), labels(2));
        assertArrayEquals(new int[]{2}, new MajorityVote(0.5, 0.4, 0.3, 0.6).combine(m).labels());
    }

    @Test
    void weightsOutvoteCounts() {
        List<FramePredictions> m = List.of(labels(1), labels(2), labels(2));
        assertArrayEquals(new int[]{1}, new MajorityVote().combine(m, new double[]{3, 1, 1}).labels());
    }

    @Test
    void abstainingMembersAreSkipped() {
        List<FramePredictions> m = List.of(labels(-1, -1), labels(4, -1), labels(-1, -1));
        assertArrayEquals(new int[]{4, -1}, new MajorityVote().combine(m).labels());
    }

    @Test
    void invalidInputIsRefused() {
        MajorityVote vote = new MajorityVote(0.4, 0.3);
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of()));
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of(labels(1), labels(1, 2))));
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of(labels(1), labels(1), labels(1))));
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of(labels(1), labels(1)), new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of(labels(1), labels(1)), new double[]{0, 0}));
        assertThrows(IllegalArgumentException.class, () -> vote.combine(List.of(labels(1), labels(1)), new double[]{-1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new MajorityVote(1.5));
    }
}
