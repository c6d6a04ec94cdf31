package org.affect4j.predict;

import org.junit.jupiter.api.Test;


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
}
