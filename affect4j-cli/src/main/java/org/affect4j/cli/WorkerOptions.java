package org.affect4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code predict} and {@code extract} share: worker threads and the frame rate of frame folders. */
final class WorkerOptions {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "${sys:affect4j.threads:-2}", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--fps", paramLabel = "RATE", defaultValue = "0", description = "Frame rate of frame-folder inputs (taken from their video).")
    double fps;

    /** Checks the numbers before anything is read (usage errors naming the option). */
    void check(CommandLine.Model.CommandSpec spec) {
        if (threads < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fps must be a frame rate >= 0 (0: taken from the video), got " + fps);
        }
    }
}
