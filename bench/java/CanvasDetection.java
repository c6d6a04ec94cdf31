import ai.onnxruntime.OrtEnvironment;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.BlazeFaceDetector;
import org.affect4j.faces.BlazeFaceModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How often BlazeFace (front model) finds a face in still pictures, as they are and centred on black canvases of 2, 3
 * and 4 times their size, at its own minimum score (0.5) and at a lower one; and what `predict`'s search of a still
 * finds (as it is, then on the 2x canvas; with `stillMinScore`, once more on the 2x canvas down to that score). Run
 * it on face pictures (how many are found) and on pictures without faces (how many are found wrongly).
 *   java -cp 'affect4j-cli/target/lib/*' bench/java/CanvasDetection.java LIST LOWER_SCORE
 * LIST: one picture per line (a "file,anything" CSV line works too); pictures Java cannot decode are skipped.
 */
public class CanvasDetection {
    public static void main(String[] args) throws Exception {
        List<String> files = Files.readAllLines(Path.of(args[0]));
        double lower = Double.parseDouble(args[1]);
        int[] own = new int[5], low = new int[5];
        int n = 0, skipped = 0, search = 0, searchLower = 0;
        try (BlazeFaceDetector d = BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.FRONT_128, 1)) {
            for (String line : files) {
                if (line.isBlank()) continue;
                RgbImage im;
                try {
                    im = Images.read(Path.of(line.split(",")[0]));
                } catch (IllegalArgumentException e) {
                    skipped++; // not a picture Java decodes
                    continue;
                }
                n++;
                boolean[] o = new boolean[5], l = new boolean[5];
                for (int k = 1; k <= 4; k++) {
                    RgbImage c = canvas(im, k);
                    if (o[k] = !d.detect(c).isEmpty()) own[k]++;
                    if (l[k] = !d.detect(c, lower).isEmpty()) low[k]++;
                }
                if (o[1] || o[2]) search++;
                if (o[1] || o[2] || l[2]) searchLower++;
            }
        }
        System.out.printf("%d pictures (%d unreadable skipped)%n", n, skipped);
        System.out.printf("  score 0.50: a face as they are in %d, on a 2x canvas in %d, 3x %d, 4x %d%n", own[1], own[2], own[3], own[4]);
        System.out.printf("  score %.2f: a face as they are in %d, on a 2x canvas in %d, 3x %d, 4x %d%n", lower, low[1], low[2], low[3], low[4]);
        System.out.printf("  predict's still search finds a face in %d; with stillMinScore %.2f in %d%n", search, lower, searchLower);
    }

    private static RgbImage canvas(RgbImage im, int k) {
        if (k == 1) return im;
        int w = im.width(), h = im.height(), cw = k * w, ch = k * h, ox = (cw - w) / 2, oy = (ch - h) / 2;
        byte[] c = new byte[cw * ch * 3];
        for (int y = 0; y < h; y++) System.arraycopy(im.rgb(), y * w * 3, c, ((y + oy) * cw + ox) * 3, w * 3);
        return new RgbImage(cw, ch, c);
    }
}
