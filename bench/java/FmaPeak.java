import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cores' float32 peak as measured, not as a data sheet gives it (a cloud CPU's clock under load is not its base
 * clock): THREADS threads each run 12 independent chains of fused multiply-adds on the widest vectors the JVM offers
 * (512 bits on AVX-512), so the figure is what the FMA units deliver at the clock they hold with all threads busy.
 * Issue 19 states training's FLOP rate as a share of it (affect4j-models/RESULTS.md §3).
 *   java --add-modules jdk.incubator.vector bench/java/FmaPeak.java [THREADS]     (default 2)
 */
public class FmaPeak {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static float chains(long n) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f), y = FloatVector.broadcast(S, 1e-7f), a0 = x;
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < n; i++) { // 12 chains hide the FMA latency (4 cycles x 2 pipes on current cores)
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y); a4 = a4.fma(x, y); a5 = a5.fma(x, y);
            a6 = a6.fma(x, y); a7 = a7.fma(x, y); a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        chains(20_000_000); // compiled before timing
        long n = 200_000_000L;
        double best = 0;
        for (int round = 0; round < 3; round++) {
            Thread[] ts = new Thread[threads];
            float[] sink = new float[threads];
            long t0 = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                int k = i;
                ts[i] = new Thread(() -> sink[k] = chains(n));
                ts[i].start();
            }
            for (Thread t : ts) t.join();
            best = Math.max(best, threads * n * 12.0 * S.length() * 2 / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        System.out.printf("float32 FMA peak, %d threads, %d-bit vectors: %.1f GFLOP/s (best of 3)%n", threads, S.vectorBitSize(), best);
    }
}
