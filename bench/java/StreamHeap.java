import org.affect4j.predict.ExpressionRecognizer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak Java heap of one video through the library, run as a single-file program with the CLI's class path:
 *   java -Xmx128m -cp "affect4j-cli/target/lib/*" bench/java/StreamHeap.java frames|whole FILE
 * frames: counts the frames of {@code ExpressionRecognizer.frames(FILE)} (streamed);
 * whole:  {@code predict(FILE)} with every feature row held at once (-Daffect4j.predict.whole=true, the path predict
 *         took before streaming). Prints frames, seconds, the heap's peak use and the process's peak RSS.
 */
public class StreamHeap {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("whole")) System.setProperty("affect4j.predict.whole", "true");
        Path file = Path.of(a[1]);
        long t0 = System.nanoTime();
        long frames;
        try (ExpressionRecognizer r = ExpressionRecognizer.builder().threads(2).build()) {
            if (a[0].equals("frames")) {
                try (var s = r.frames(file)) {
                    frames = s.count();
                }
            } else {
                frames = r.predict(file).frames();
            }
        }
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        System.out.printf("%s: %d frames in %.1f s, heap peak %.0f MB (max %d MB), %s%n", a[0], frames,
                (System.nanoTime() - t0) / 1e9, peak / 1e6, Runtime.getRuntime().maxMemory() >> 20, hwm);
    }
}
