package org.affect4j.predict;

import org.affect4j.predict.model.VoiceEncoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live prediction finds its face detector through the registry, like extraction does. */
class LiveRecognizerTest {
    @Test
    void theDetectorIsLookedUpByNameInTheRegistry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LiveRecognizer(ExpressionModels.shipped(), 1, "blazefase").close());
        assertTrue(e.getMessage().contains("unknown face detector 'blazefase'"), e.getMessage());
        assertTrue(e.getMessage().contains("haar"), "the known detectors are named: " + e.getMessage());
    }

    @Test
    void aVoiceEncoderIsLeftOutLiveAndTheFaceBranchKept() {
        LateFusionModel shipped = ExpressionModels.shipped();
        assertSame(shipped, LiveRecognizer.liveView(shipped), "a regression voice branch runs live");
        LateFusionModel.Spec s = shipped.spec();
        LateFusionModel.Audio a = s.audio();
        LateFusionModel withEncoder = new LateFusionModel(new LateFusionModel.Spec(s.format(), "enc", s.description(),
                s.visual(), new LateFusionModel.Audio(a.features(), a.gate(), a.gateThreshold(), a.halfWindowSeconds(),
                a.normalise(), null, null, "speech", new VoiceEncoder(List.of(VoiceEncoderTest.net(2, 12)), 25, 50, VoiceEncoderTest.SEVEN)),
                s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), s.otherThreshold()));
        LateFusionModel live = LiveRecognizer.liveView(withEncoder);
        assertNull(live.spec().audio());
        assertSame(s.visual(), live.spec().visual());
        assertTrue(live.spec().smoothingSeconds() == s.smoothingSeconds() && live.spec().otherThreshold() == s.otherThreshold());
    }
}
