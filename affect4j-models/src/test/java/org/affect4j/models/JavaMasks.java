package org.affect4j.models;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests run pinned (the pom), where dropout masks come from libtorch's generator and encoder layers use DJL's
 * attention block; a test class extended with this one runs each test with Java's masks (and our block), as an
 * unpinned run has them, and puts the pinned setting back after.
 */
final class JavaMasks implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        MaskDropout.useEngineMasks(false);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MaskDropout.useEngineMasks(NumericPath.isPinned());
    }
}
