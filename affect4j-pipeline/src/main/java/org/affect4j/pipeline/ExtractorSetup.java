package org.affect4j.pipeline;

import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Makes an extraction's extractors and face detector side by side (the longest step of a {@code predict} start). */
final class ExtractorSetup {
    private ExtractorSetup() {
    }

    /**
     * Creates the extractors, and the face detector when faces are searched, side by side on up to
     * {@link ExtractionOptions#threads()} threads: each ONNX Runtime session reads and optimises its graph on one core,
     * and one after another they were the longest step of a {@code predict} start. The audio extractors are made on
     * one of those threads in their order; every creation is waited for, so a failure leaves nothing open behind.
     */
    static void create(FeatureNames names, ExtractionOptions options, Runnable prepareDetector,
                       Map<String, FrameFeatureExtractor> visual, Map<String, AudioFeatureExtractor> audio) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "affect4j-extractor-setup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FrameFeatureExtractor>> v = new ArrayList<>();
            for (String n : names.visual()) v.add(pool.submit(() -> VisualExtractors.create(n, options.threads())));
            Future<List<AudioFeatureExtractor>> a = pool.submit(() -> {
                List<AudioFeatureExtractor> made = new ArrayList<>();
                try {
                    for (String n : names.audio()) made.add(AudioExtractors.create(n));
                } catch (RuntimeException e) {
                    made.forEach(AudioFeatureExtractor::close);
                    throw e;
                }
                return made;
            });
            Future<?> detector = names.visual().isEmpty() ? null : pool.submit(prepareDetector);
            RuntimeException failure = null;
            for (Future<FrameFeatureExtractor> f : v) {
                try {
                    FrameFeatureExtractor e = join(f);
                    visual.put(e.id(), e);
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                }
            }
            try {
                join(a).forEach(e -> audio.put(e.id(), e));
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
            if (detector != null) join(detector);
            if (failure != null) throw failure;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the extractors", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException("loading an extractor failed: " + e.getCause(), e.getCause());
        }
    }
}
