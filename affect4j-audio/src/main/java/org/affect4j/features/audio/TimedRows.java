package org.affect4j.features.audio;

/**
 * Implemented by extractors whose row {@code r} describes the instant {@code firstRowSeconds() + r / rate()}
 * (the centre of its analysis window). {@link FrameAlignment} uses it to put rows onto video frames without the
 * half-window bias of assuming row {@code r} sits at {@code r / rate()}.
 */
public interface TimedRows {
    /** Time of row 0's centre, seconds from the start of the signal. */
    double firstRowSeconds();
}
