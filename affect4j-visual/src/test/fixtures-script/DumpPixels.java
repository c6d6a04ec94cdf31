import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 1 of making the reference fixtures: decodes FER2013 JPEGs with ImageIO (the decoder the Java tests use) and
 * writes their 8-bit grey pixels as raw files, so that TensorFlow.js sees exactly the pixels Java sees (JPEG decoders
 * differ by +-1 grey level). Usage: java DumpPixels.java DATA_DIR OUT_DIR relative/path.jpg...
 */
public class DumpPixels {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        StringBuilder index = new StringBuilder("[\n");
        for (int k = 2; k < args.length; k++) {
            BufferedImage im = ImageIO.read(data.resolve(args[k]).toFile());
            if (im.getType() != BufferedImage.TYPE_BYTE_GRAY) {
                throw new IllegalArgumentException(args[k] + " is not an 8-bit grey image");
            }
            byte[] px = new byte[im.getWidth() * im.getHeight()];
            im.getRaster().getDataElements(0, 0, im.getWidth(), im.getHeight(), px);
            String raw = "img" + (k - 2) + ".gray";
            Files.write(out.resolve(raw), px);
            index.append(k > 2 ? ",\n" : "").append(String.format(
                    "  {\"file\": \"%s\", \"raw\": \"%s\", \"width\": %d, \"height\": %d}",
                    args[k], raw, im.getWidth(), im.getHeight()));
        }
        Files.writeString(out.resolve("index.json"), index.append("\n]\n").toString());
    }
}
