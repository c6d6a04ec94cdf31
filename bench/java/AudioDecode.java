import org.affect4j.media.AudioDecoder;

import java.nio.file.Path;

/**
 * Decode-only speed of an audio track to 16 kHz mono float (the reference the audio extraction is compared to):
 *   java -cp "affect4j-cli/target/lib/*" bench/java/AudioDecode.java FILE
 */
public class AudioDecode {
    public static void main(String[] a) {
        Path f = Path.of(a[0]);
        AudioDecoder.stream(f, x -> { }); // warm-up: JIT and FFmpeg libraries
        long t0 = System.nanoTime();
        long n = AudioDecoder.stream(f, x -> { });
        double s = (System.nanoTime() - t0) / 1e9;
        double seconds = n / (double) AudioDecoder.SAMPLE_RATE;
        System.out.printf("decode only (FFmpeg to 16 kHz mono): %.0f s of audio in %.2f s = %.0fx real time%n",
                seconds, s, seconds / s);
    }
}
