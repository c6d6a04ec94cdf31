import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tighter face crops of a corpus's pictures, as other labs frame them: the centre FRACTION of each picture, scaled
 * back to the picture's size (bilinear), written as PNG. Used by bench/predict-accuracy.sh (CROP=0.8).
 *   java bench/java/CentreCrop.java FRACTION LIST OUT_DIR
 * LIST: lines "file,gold"; writes OUT_DIR/<k>.png for the k-th line (1-based) and prints "OUT_DIR/<k>.png,gold".
 */
public class CentreCrop {
    public static void main(String[] args) throws Exception {
        double fraction = Double.parseDouble(args[0]);
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("FRACTION must be in (0, 1]");
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        Path out = Files.createDirectories(Path.of(args[2]));
        int k = 0;
        for (String line : lines) {
            String[] f = line.split(",");
            BufferedImage src = ImageIO.read(new File(f[0]));
            int w = src.getWidth(), h = src.getHeight();
            int cw = (int) Math.round(w * fraction), ch = (int) Math.round(h * fraction);
            BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            var g = dst.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch), 0, 0, w, h, null);
            g.dispose();
            Path p = out.resolve(++k + ".png");
            ImageIO.write(dst, "png", p.toFile());
            System.out.println(p + "," + f[1]);
        }
    }
}
