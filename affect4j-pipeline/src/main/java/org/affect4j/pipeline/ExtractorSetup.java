package org.affect4j.pipeline;

import org.affect4j.features.audio.AudioExtractors;
import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.util.Futures;
import org.affect4j.util.Phases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            int netThreads = SideBySideNets.threadsPerNet(names.visual().size(), options.threads());
            for (String n : names.visual()) {
                v.add(pool.submit(() -> {
                    FrameFeatureExtractor e = StandIn.open(n, options.standIns(), netThreads);
                    Phases.mark("network " + n + " created");
                    return e;
                }));
            }
            Future<List<AudioFeatureExtractor>> a = pool.submit(() -> {
                List<AudioFeatureExtractor> made = new ArrayList<>();
                try {
                    for (String n : names.audio()) {
                        made.add(AudioExtractors.create(n));
                        Phases.mark("audio extractor " + n + " created");
                    }
                } catch (RuntimeException e) {
                    made.forEach(AudioFeatureExtractor::close);
                    throw e;
                }
                return made;
            });
            Future<?> detector = names.visual().isEmpty() ? null : pool.submit(() -> {
                prepareDetector.run();
                Phases.mark("face detector created");
            });
            RuntimeException failure = null;
            for (Future<FrameFeatureExtractor> f : v) {
                try {
                    FrameFeatureExtractor e = Futures.join(f, "loading the extractors");
                    visual.put(e.id(), e);
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                }
            }
            try {
                Futures.join(a, "loading the extractors").forEach(e -> audio.put(e.id(), e));
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
            if (detector != null) Futures.join(detector, "loading the extractors");
            if (failure != null) throw failure;
        } finally {
            pool.shutdown();
        }
    }
}
