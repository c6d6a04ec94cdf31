package org.affect4j.features.audio.bench;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.features.audio.CompareExtractor;
import org.affect4j.features.audio.EgemapsExtractor;
import org.affect4j.features.audio.KaldiFbank;
import org.affect4j.media.AudioDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real-time factor of fbank + egemaps + compare over all RAVDESS files on N threads (default 2), printed beside
 * FFmpeg decode-only speed measured in the same run. Audio seconds processed per wall-clock second, and per
 * CPU second of the worker threads (the figure that does not depend on what else runs on the machine).
 * Usage: {@code RealTimeFactor [threads] [files]}.
 */
public final class RealTimeFactor {
    private RealTimeFactor() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Ravdess data = Ravdess.load();
        List<Ravdess.Item> items = data.items();
        if (args.length > 1) items = items.subList(0, Integer.parseInt(args[1]));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // warm-up: JIT and FFmpeg initialisation, not timed
        List<float[]> warm = new ArrayList<>();
        for (Ravdess.Item it : items.subList(0, Math.min(20, items.size()))) warm.add(AudioDecoder.decode(it.file()));
        extractAll(pool, warm);

        long t0 = System.nanoTime();
        List<Future<float[]>> fs = new ArrayList<>();
        for (Ravdess.Item it : items) fs.add(pool.submit(() -> AudioDecoder.decode(it.file())));
        List<float[]> audio = new ArrayList<>();
        for (Future<float[]> f : fs) audio.add(f.get());
        double decodeSec = (System.nanoTime() - t0) / 1e9;
        double audioSec = 0;
        for (float[] a : audio) audioSec += a.length / 16_000.0;

        long t1 = System.nanoTime();
        double[] perExtractor = extractAll(pool, audio);
        double extractSec = (System.nanoTime() - t1) / 1e9;
        pool.shutdown();
        System.out.printf("files %d, audio %.1f s, threads %d%n", audio.size(), audioSec, threads);
        System.out.printf("FFmpeg decode only           : %7.2f s wall, %7.0fx real time%n", decodeSec, audioSec / decodeSec);
        System.out.printf("fbank + egemaps + compare    : %7.2f s wall, %7.0fx real time%n", extractSec, audioSec / extractSec);
        double cpu = perExtractor[0] + perExtractor[1] + perExtractor[2];
        System.out.printf("  CPU seconds per extractor: fbank %.2f, egemaps %.2f, compare %.2f (total %.2f)%n",
                perExtractor[0], perExtractor[1], perExtractor[2], cpu);
        System.out.printf("  CPU-bound rate on %d threads (load-independent): %.0fx real time%n", threads,
                audioSec / (cpu / threads));
        System.out.printf("  machine load average during the run: %.1f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("decode + extract             : %7.0fx real time%n", audioSec / (decodeSec + extractSec));
    }

    /** Runs the three extractors on every clip; returns CPU-thread seconds spent in each. */
    private static double[] extractAll(ExecutorService pool, List<float[]> audio) throws Exception {
        List<Future<double[]>> fs = new ArrayList<>();
        for (float[] a : audio) {
            fs.add(pool.submit(() -> {
                AudioFeatureExtractor[] ex = {new KaldiFbank(), new EgemapsExtractor(), new CompareExtractor()};
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                double[] t = new double[3];
                for (int i = 0; i < 3; i++) {
                    long s = mx.getCurrentThreadCpuTime();
                    if (ex[i].extract(a).rows() < 0) throw new IllegalStateException();
                    t[i] = (mx.getCurrentThreadCpuTime() - s) / 1e9;
                }
                return t;
            }));
        }
        double[] sum = new double[3];
        for (Future<double[]> f : fs) {
            double[] t = f.get();
            for (int i = 0; i < 3; i++) sum[i] += t[i];
        }
        return sum;
    }
}
