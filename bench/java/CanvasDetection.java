import ai.onnxruntime.OrtEnvironment;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.BlazeFaceDetector;
import org.affect4j.faces.BlazeFaceModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How often BlazeFace (front model) finds a face in still pictures, as they are and centred on black canvases of 2, 3
 * and 4 times their size, at a given minimum score: the evidence for how `predict` searches a tight face crop.
 *   java -cp 'affect4j-cli/target/lib/*' bench/java/CanvasDetection.java LIST MIN_SCORE
 * LIST: one picture per line (a "file,anything" CSV line works too).
 */
public class CanvasDetection {
    public static void main(String[] args) throws Exception {
        List<String> files = Files.readAllLines(Path.of(args[0]));
        double minScore = Double.parseDouble(args[1]);
        int[] found = new int[5];
        int n = 0;
        try (BlazeFaceDetector d = BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.FRONT_128, 1, minScore)) {
            for (String line : files) {
                if (line.isBlank()) continue;
                RgbImage im = Images.read(Path.of(line.split(",")[0]));
                n++;
                for (int k = 1; k <= 4; k++) if (!d.detect(canvas(im, k)).isEmpty()) found[k]++;
            }
        }
        System.out.printf("%d pictures, minimum score %.2f: a face found as they are in %d, on a 2x canvas in %d, 3x %d, 4x %d%n",
                n, minScore, found[1], found[2], found[3], found[4]);
    }

    private static RgbImage canvas(RgbImage im, int k) {
        if (k == 1) return im;
        int w = im.width(), h = im.height(), cw = k * w, ch = k * h, ox = (cw - w) / 2, oy = (ch - h) / 2;
        byte[] c = new byte[cw * ch * 3];
        for (int y = 0; y < h; y++) System.arraycopy(im.rgb(), y * w * 3, c, ((y + oy) * cw + ox) * 3, w * 3);
        return new RgbImage(cw, ch, c);
    }
}
