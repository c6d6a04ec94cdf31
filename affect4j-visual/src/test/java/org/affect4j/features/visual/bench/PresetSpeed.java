package org.affect4j.features.visual.bench;

import org.affect4j.data.RgbImage;
import org.affect4j.features.visual.OnnxImageConfig;
import org.affect4j.features.visual.OnnxImageExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.util.Locations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Images/second of one visual preset (pre-processing + ONNX Runtime inference, lists of 32 faces, on the first 512
 * FER2013 test faces after a warm-up batch), for the preset's current converted model and for any other ONNX files
 * given (e.g. an older conversion kept aside), timed in alternating rounds in one JVM so machine load affects all
 * alike.
 *
 * <pre>mvn -q -B -pl affect4j-visual -Pfer-bench exec:java -Dexec.mainClass=org.affect4j.features.visual.bench.PresetSpeed \
 *     -Dexec.args="mobilefacenet [--threads 2] [--rounds 5] [other.onnx ...]"</pre>
 */
public final class PresetSpeed {
    private PresetSpeed() {
    }

    public static void main(String[] args) {
        String preset = args[0];
        int threads = 2;
        int rounds = 5;
        List<Path> models = new ArrayList<>();
        OnnxImageConfig base = VisualExtractors.preset(preset);
        models.add(base.model());
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> models.add(Path.of(args[i]));
            }
        }
        Path fer = Locations.data().map(p -> p.resolve("fer2013")).filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalArgumentException("FER2013 not found; set -Daffect4j.data=.../shared/data"));
        List<RgbImage> images = Fer2013.read(fer, "test").images().subList(0, 512);
        List<OnnxImageExtractor> ex = new ArrayList<>();
        for (Path m : models) {
            OnnxImageExtractor e = new OnnxImageExtractor(new OnnxImageConfig(base.id(), m, base.width(), base.height(),
                    base.layout(), base.colour(), base.scale(), base.mean(), base.std(), base.resize(), base.input(),
                    base.output(), base.dimension(), base.region()), threads);
            e.extract(images.subList(0, 32));
            ex.add(e);
        }
        double[][] rate = new double[models.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < ex.size(); k++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < images.size(); i += 32) {
                    ex.get(k).extract(images.subList(i, i + 32)); // as the pipeline hands them over
                }
                rate[k][r] = images.size() / ((System.nanoTime() - t0) / 1e9);
            }
        }
        for (int k = 0; k < ex.size(); k++) {
            double[] s = rate[k].clone();
            java.util.Arrays.sort(s);
            System.out.printf(Locale.ROOT, "%s %s: median %.0f images/s (min %.0f, max %.0f) over %d rounds, %d threads, runs of %d%n",
                    preset, models.get(k).getFileName(), s[rounds / 2], s[0], s[rounds - 1], rounds, threads, ex.get(k).maxBatch());
            ex.get(k).close();
        }
    }
}
