package org.affect4j.media;

import java.nio.file.Path;

final class FFmpegVideoSourceTestSupport {
    private FFmpegVideoSourceTestSupport() {
    }

    static boolean opensAsVideo(Path p) {
        try (FFmpegVideoSource s = FFmpegVideoSource.open(p)) {
            return true;
        } catch (MediaException e) {
            return false;
        }
    }
}
