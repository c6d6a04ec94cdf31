import org.affect4j.features.audio.CompareExtractor;
import org.affect4j.features.audio.EgemapsExtractor;
import org.affect4j.features.audio.KaldiFbank;
import org.affect4j.features.audio.SignalLevel;
import org.affect4j.features.audio.SileroVad;
import org.affect4j.media.AudioDecoder;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CPU seconds of the audio descriptors themselves once the JIT has warmed up, in one thread of one process (no JVM
 * start, decoding or JIT in the figure): fbank + eGeMAPS + ComParE, then Silero VAD, over the track in 63 s chunks,
 * four passes (the last ones are the warm figure). Tells the work of `extract` apart from its overheads:
 *   java -cp "affect4j-cli/target/lib/*" bench/java/AudioWarm.java FILE
 */
public class AudioWarm {
    public static void main(String[] a) throws Exception {
        float[] all = AudioDecoder.decode(Path.of(a[0]));
        int n = AudioDecoder.SAMPLE_RATE * 63;
        SignalLevel level = SignalLevel.of(all);
        KaldiFbank fbank = new KaldiFbank();
        EgemapsExtractor egemaps = new EgemapsExtractor();
        CompareExtractor compare = new CompareExtractor();
        try (SileroVad vad = new SileroVad()) {
            for (int pass = 0; pass < 4; pass++) {
                double descriptors = 0, speech = 0;
                int seconds = 0;
                for (int c = 0; c + n <= all.length; c += n, seconds += 63) {
                    float[] x = Arrays.copyOfRange(all, c, c + n);
                    double t = cpu();
                    fbank.extract(x);
                    egemaps.extract(x, level);
                    compare.extract(x, level);
                    descriptors += cpu() - t;
                    t = cpu();
                    vad.extract(x);
                    speech += cpu() - t;
                }
                System.out.printf("pass %d: fbank+egemaps+compare %.2f CPU-s, vad %.2f CPU-s for %d s of audio%n",
                        pass, descriptors, speech, seconds);
            }
        }
    }

    private static double cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }
}
