package org.affect4j.predict;

import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A model's {@code stillMinScore} reaches predict's face search of a still picture. */
class StillSearchTest {
    @TempDir
    Path tmp;

    /** The centre 70 % of the first {@code perClass} FER2013 test pictures of each class, scaled back, as PNG files. */
    private List<Path> tightCrops(int perClass) throws IOException {
        Path test = Locations.data().map(d -> d.resolve("fer2013").resolve("test")).orElse(null);
        assumeTrue(test != null && Files.isDirectory(test),
                "FER2013 not found (set -Daffect4j.data or AFFECT4J_DATA to the shared data folder)");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(test)) {
            for (Path cls : classes.sorted().toList()) {
                try (Stream<Path> s = Files.list(cls)) {
                    for (Path p : s.sorted().limit(perClass).toList()) {
                        BufferedImage src = ImageIO.read(p.toFile());
                        int w = src.getWidth(), h = src.getHeight(), cw = (int) Math.round(w * 0.7), ch = (int) Math.round(h * 0.7);
                        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                        dst.getGraphics().drawImage(src.getSubimage((w - cw) / 2, (h - ch) / 2, cw, ch), 0, 0, w, h, null);
                        Path f = tmp.resolve(cls.getFileName() + "-" + p.getFileName().toString().replace(".jpg", ".png"));
                        ImageIO.write(dst, "png", f.toFile());
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aModelsStillMinimumScoreFindsFacesInTightCropsThatTheDetectorsOwnScoreMisses() throws IOException {
        LateFusionModel.Spec s = ExpressionModels.shipped().spec();
        LateFusionModel.Visual v = s.visual();
        Path lenientFile = tmp.resolve("lenient.json");
        new LateFusionModel(new LateFusionModel.Spec(s.format(), s.name(), s.description(),
                new LateFusionModel.Visual(v.features(), v.head(), v.mirrorStills(), 0.4), null,
                s.visualWeight(), s.audioWeight(), s.smoothingSeconds(), s.otherThreshold())).save(lenientFile);
        int missed = 0, recovered = 0;
        // the front model alone: the default detector's back model finds most faces these crops hide from it, and
        // what is tested here is that the model's own key reaches the search
        try (ExpressionRecognizer plain = ExpressionRecognizer.builder().model(ExpressionModels.DEFAULT).detector("blazeface").threads(2).build();
             ExpressionRecognizer lenient = ExpressionRecognizer.builder().model(lenientFile).detector("blazeface").threads(2).build()) {
            Path found = null;
            for (Path crop : tightCrops(8)) {
                FrameExpression a = plain.predict(crop).frame(0);
                if (a.face()) {
                    found = crop;
                    continue;
                }
                missed++;
                FrameExpression b = lenient.predict(crop).frame(0);
                if (b.face()) {
                    recovered++;
                    assertTrue(b.label() >= 0, crop + ": a face, so a label");
                }
            }
            assertTrue(found != null, "faces are found in most tight crops");
            assertArrayEquals(plain.predict(found).frame(0).probabilities(), lenient.predict(found).frame(0).probabilities(), 0,
                    "a picture whose face the detector's own score finds reads the same");
        }
        assertTrue(missed > 0, "some tight crops have no face at the detector's own score");
        assertTrue(recovered > 0, "the model's further search finds some: " + recovered + " of " + missed);
    }
}
