package org.affect4j.pipeline;

import org.affect4j.data.RgbImage;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.util.Futures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs several face networks on the same crops side by side, each on one thread, instead of one after another
 * each on every thread. On small batches ONNX Runtime's second intra-op thread buys little time for much CPU (the
 * shipped model's four nets on batches of 4 crops, this machine: 14.3 CPU-ms and 14.3 ms a crop with one thread,
 * 21.3 CPU-ms and 12.5 ms with two), while whole networks run side by side keep both cores busy without that
 * overhead. The networks are handed out longest first by their time on the previous batch, to the calling thread
 * and {@code threads - 1} workers, so the slowest one ({@code faceres}) runs beside the others. Every network gives
 * the same numbers on any thread. Not thread-safe: one batch at a time, so each network is used by one thread at a
 * time, as {@link FrameFeatureExtractor} asks (sharing one network's crops between threads, i.e. concurrent runs of
 * one ONNX Runtime session, was measured slower: README "Benchmarks").
 */
public final class SideBySideNets implements AutoCloseable {
    private final List<FrameFeatureExtractor> nets;
    private final ExecutorService workers;
    private final int helpers;
    /** Each network's time on its last batch: the order of the next. */
    private final Map<String, Long> nanos = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param nets    the networks, made with {@link #threadsPerNet} intra-op threads each; closed by their owner
     * @param threads threads in all, the caller's included; 1 runs the networks one after another on the caller's
     */
    public SideBySideNets(List<FrameFeatureExtractor> nets, int threads) {
        this.nets = List.copyOf(nets);
        helpers = Math.max(0, Math.min(threads, nets.size()) - 1);
        workers = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, "affect4j-nets");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Intra-op threads each network is made with: 1 when several run side by side on {@code threads} threads, all of
     * them for a network alone.
     *
     * @param nets    how many networks run on each batch
     * @param threads threads in all
     * @return the intra-op threads of each network's session
     */
    public static int threadsPerNet(int nets, int threads) {
        return nets > 1 ? 1 : threads;
    }

    /**
     * Every network's rows of {@code crops}.
     *
     * @param crops aligned face crops
     * @return by network id, one row per crop
     */
    public Map<String, float[][]> run(List<RgbImage> crops) {
        List<FrameFeatureExtractor> order = new ArrayList<>(nets);
        order.sort(Comparator.comparingLong((FrameFeatureExtractor e) -> nanos.getOrDefault(e.id(), 0L)).reversed());
        Map<String, float[][]> out = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> took = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable take = () -> {
            for (int i; (i = next.getAndIncrement()) < order.size(); ) {
                FrameFeatureExtractor e = order.get(i);
                long t0 = System.nanoTime();
                out.put(e.id(), e.extract(crops));
                took.put(e.id(), System.nanoTime() - t0);
            }
        };
        List<Future<?>> helping = new ArrayList<>();
        for (int k = 0; k < helpers; k++) helping.add(workers.submit(take));
        RuntimeException failure = null;
        try {
            take.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : helping) {
            try {
                Futures.join(f, "running the face networks");
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
        nanos.putAll(took);
        return out;
    }

    /** Stops the helper threads (the networks stay open: their owner closes them). */
    @Override
    public void close() {
        if (workers != null) workers.shutdownNow();
    }
}
