package org.affect4j.predict.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Small HTML building blocks: text escaping and images inlined as {@code data:} URIs. */
final class Html {
    private Html() {
    }

    /** {@code s} safe as element text and inside a double- or single-quoted attribute. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * The image file as a {@code data:} URI. PNG and JPEG files are embedded as they are; any other format Java can
     * decode is re-encoded as PNG, since a browser may not show it.
     *
     * @return the URI, or empty if the file is missing or not an image
     */
    static Optional<String> imageDataUri(Path file) {
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) return Optional.of(dataUri("image/png", Files.readAllBytes(file)));
            if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
                return Optional.of(dataUri("image/jpeg", Files.readAllBytes(file)));
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) return Optional.empty();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return Optional.of(dataUri("image/png", png.toByteArray()));
        } catch (IOException e) {
            return Optional.empty(); // the caller leaves the picture out: one lost crop must not cost the report
        }
    }

    /** {@code bytes} of type {@code mime} as a {@code data:} URI. */
    static String dataUri(String mime, byte[] bytes) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
