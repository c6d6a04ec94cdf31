package org.affect4j.predict;

import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.media.VideoFrame;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The decoding thread of a live source: frames into a queue of two, the sound (when a {@link LiveVoice} listens) to
 * the voice as it decodes, never dropped. A full queue holds the decoder back (a file piped in is read at the
 * recognizer's pace, nothing lost) until frames arrive more than {@value #DROP_AFTER_MS} ms behind the source's clock:
 * then the recognizer is slower than the source plays, and the oldest waiting frame is dropped for each new one.
 */
final class LiveDecoder implements AutoCloseable {
    private static final int QUEUE = 2;
    /** Lag behind the source's clock beyond which waiting frames are dropped. */
    static final long DROP_AFTER_MS = 250;
    /** Handed out after the last frame. */
    static final Object END = new Object();

    /** A decoded frame on its way from the decoder thread, with when it arrived and its presentation time. */
    record Arrived(VideoFrame frame, long nanos, long ptsMicros) {
    }

    private final FFmpegVideoSource video;
    private final LiveVoice voice;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicInteger dropped = new AtomicInteger();
    private final Thread thread;

    /** @param voice receives the sound, or null to skip it */
    LiveDecoder(FFmpegVideoSource video, LiveVoice voice) {
        this.video = video;
        this.voice = voice;
        this.thread = new Thread(this::decode, "affect4j-live-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The next item within {@code ms}: an {@link Arrived} frame, {@link #END}, the Throwable that stopped decoding,
     * or null when nothing came.
     */
    Object poll(long ms) throws InterruptedException {
        return queue.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** Frames dropped so far. */
    int dropped() {
        return dropped.get();
    }

    private void decode() {
        Object last = END;
        try {
            VideoFrame f;
            long clock = Long.MAX_VALUE; // arrival minus presentation time, least so far
            while (!Thread.currentThread().isInterrupted() && (f = video.next(voice == null ? null : voice::accept)) != null) {
                Arrived a = new Arrived(f, System.nanoTime(), video.timestampMicros());
                clock = Math.min(clock, a.nanos() - a.ptsMicros() * 1_000);
                boolean behind = a.nanos() - (clock + a.ptsMicros() * 1_000) > DROP_AFTER_MS * 1_000_000L;
                if (!behind) {
                    queue.put(a);
                    continue;
                }
                while (!queue.offer(a)) {
                    if (queue.poll() != null) dropped.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            return; // stopped
        } catch (Throwable t) {
            last = t;
        } finally {
            if (voice != null) voice.end();
        }
        try {
            queue.put(last);
        } catch (InterruptedException ignored) {
            // stopped: nobody waits for the end any more
        }
    }

    /**
     * Stops the decoder at its next frame (a stalled network read gives up after its 10 s timeout) and waits for it;
     * the source is closed by the caller only after that, never under a decoding thread.
     */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
