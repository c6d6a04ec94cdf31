package org.affect4j.models;

import ai.djl.engine.Engine;

/**
 * Engine settings applied before the first use of DJL: offline (never download natives), no usage tracking, and
 * explicit thread counts. Values already set as system properties (e.g. {@code -Dai.djl.pytorch.num_threads=2}) win.
 * The engine (CPU or CUDA native flavour) is whatever pytorch-native jar is on the class path: a runtime choice.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    /**
     * Applies the defaults and starts the engine.
     *
     * @param threads intra-op threads, or 0 for the number of available processors
     * @return the engine
     */
    public static synchronized Engine start(int threads) {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads",
                Integer.toString(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("java.awt.headless", "true");
        return Engine.getEngine("PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
