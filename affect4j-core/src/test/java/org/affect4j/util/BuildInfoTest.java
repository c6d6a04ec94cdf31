package org.affect4j.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theBuildRecordsItsVersionAndCommit() {
        assertTrue(BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"), BuildInfo.version());
        // a checkout gives the 40-hex commit; a source tree without git says unknown rather than guessing
        assertTrue(BuildInfo.commit().matches("[0-9a-f]{40}") || BuildInfo.commit().equals("unknown"), BuildInfo.commit());
        assertTrue(BuildInfo.describe().startsWith(BuildInfo.version() + " ("), BuildInfo.describe());
    }
}
