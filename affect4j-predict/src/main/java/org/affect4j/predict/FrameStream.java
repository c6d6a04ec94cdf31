package org.affect4j.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A per-frame callback turned into a {@link Stream}: the callback's producer runs on a thread of its own, at most
 * {@value #AHEAD} frames ahead of the reader. Closing the stream stops the producer (its next frame throws, which
 * closes its decoder) and waits for it; a stream dropped without being closed is stopped the same way once it is
 * garbage-collected.
 */
final class FrameStream {
    /** Runs the per-frame callback over one input. */
    @FunctionalInterface
    interface Producer {
        int run(Consumer<FrameExpression> sink) throws IOException;
    }

    /** Frames decided ahead of the reader. */
    static final int AHEAD = 64;
    /** Name of the producing thread. */
    static final String THREAD = "affect4j-frames";
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Object END = new Object();

    private FrameStream() {
    }

    /** Thrown into the producer when the reader is gone. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** What the producer and the reader share (never the reader itself, so a dropped reader can be collected). */
    private static final class Shared implements Runnable {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
        volatile boolean closed;
        Thread worker;

        void put(Object o) {
            try {
                while (!queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
                    if (closed) throw new Stopped();
                }
            } catch (InterruptedException e) {
                throw new Stopped();
            }
        }

        /** Stops the producer and waits for it (its decoder closed, its worker freed). */
        @Override
        public void run() {
            closed = true;
            queue.clear();
            if (worker == Thread.currentThread()) return;
            worker.interrupt();
            boolean interrupted = false;
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The reader's side. */
    private static final class Reader implements Iterator<FrameExpression> {
        private final Shared shared;
        private Object next;
        private boolean ended;

        Reader(Shared shared) {
            this.shared = shared;
        }

        @Override
        public boolean hasNext() {
            if (ended) return false;
            if (next == null) {
                try {
                    next = shared.queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the next frame", e);
                }
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof Throwable t) {
                ended = true;
                if (t instanceof IOException io) throw new UncheckedIOException(io);
                if (t instanceof RuntimeException r) throw r;
                if (t instanceof Error e) throw e;
                throw new IllegalStateException(t);
            }
            return true;
        }

        @Override
        public FrameExpression next() {
            if (!hasNext()) throw new NoSuchElementException();
            FrameExpression f = (FrameExpression) next;
            next = null;
            return f;
        }
    }

    /**
     * Starts {@code producer} on its own thread.
     *
     * @param what named in the thread, for thread dumps
     * @return the frames; closing the stream stops the producer
     */
    static Stream<FrameExpression> open(Producer producer, String what) {
        Shared shared = new Shared();
        shared.worker = new Thread(() -> {
            Object last = END;
            try {
                producer.run(shared::put);
            } catch (Stopped e) {
                return;
            } catch (Throwable t) {
                if (shared.closed) return; // stopped: what it threw on the way out is nobody's concern
                last = t;
            }
            try {
                shared.put(last);
            } catch (Stopped ignored) {
                // the reader left meanwhile
            }
        }, THREAD + " " + what);
        shared.worker.setDaemon(true);
        Reader reader = new Reader(shared);
        Cleaner.Cleanable cleanup = CLEANER.register(reader, shared);
        shared.worker.start();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(cleanup::clean);
    }
}
