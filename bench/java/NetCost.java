import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.FaceDetectorFactory;
import org.affect4j.faces.FaceFrame;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.visual.VisualExtractors;
import org.affect4j.pipeline.ExtractionOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What each face network costs a crop, as predict runs it in a video (issue 19): one ONNX Runtime thread each
 * ({@code SideBySideNets}), batches of 4 crops, pre-processing included, on the same aligned crops of FER2013 test
 * pictures (found and aligned as predict does), rounds alternating the order after a warm-up round; process CPU time.
 * <pre>java -cp "affect4j-cli/target/lib/*" bench/java/NetCost.java FEATURES [CROPS 128] [ROUNDS 5]</pre>
 * FEATURES: comma-separated visual extractor names, e.g. faceapi-expr,faceapi-expr-tight,faceres,faceres-int8,mobilefacenet
 */
public class NetCost {
    private static final int BATCH = 4;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length < 1) {
            System.err.println("usage: NetCost FEATURES [CROPS] [ROUNDS]");
            System.exit(3);
        }
        List<String> features = List.of(args[0].split(","));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path test = org.affect4j.util.Locations.data().map(d -> d.resolve("fer2013/test"))
                .filter(Files::isDirectory)
                .orElseThrow(() -> new IllegalStateException("FER2013 not found: set AFFECT4J_DATA"));
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(test)) {
            s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg")).sorted().forEach(files::add);
        }
        Collections.shuffle(files, new Random(1));
        List<RgbImage> crops = new ArrayList<>();
        try (FaceDetector detector = FaceDetectorFactory.ALL.get(ExtractionOptions.of(features, 1).detector()).create(1)) {
            FaceCropPipeline p = new FaceCropPipeline(detector, 1);
            for (Path f : files) {
                if (crops.size() == n) break;
                FaceFrame ff = p.cropSingle(Images.read(f));
                if (ff.crop() != null) crops.add(ff.crop());
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<FrameFeatureExtractor> xs = new ArrayList<>();
        for (String f : features) xs.add(VisualExtractors.create(f, 1));
        double[][] ms = new double[xs.size()][rounds];
        for (int r = -1; r < rounds; r++) { // round -1: warm-up, not counted
            for (int k = 0; k < xs.size(); k++) {
                int e = Math.floorMod(r, 2) == 0 ? k : xs.size() - 1 - k; // alternate which goes first
                long cpu = os.getProcessCpuTime();
                for (int from = 0; from < crops.size(); from += BATCH) {
                    xs.get(e).extract(crops.subList(from, Math.min(crops.size(), from + BATCH)));
                }
                if (r >= 0) ms[e][r] = (os.getProcessCpuTime() - cpu) / 1e6 / crops.size();
            }
        }
        System.out.printf("%d aligned FER2013 test crops, batches of %d, 1 thread each, %d rounds (load %.1f)%n",
                crops.size(), BATCH, rounds, os.getSystemLoadAverage());
        for (int e = 0; e < xs.size(); e++) {
            double[] v = ms[e].clone();
            Arrays.sort(v);
            System.out.printf("%-20s CPU-ms per crop: median %.2f (min %.2f, max %.2f)%n", features.get(e),
                    v[v.length / 2], v[0], v[v.length - 1]);
            xs.get(e).close();
        }
    }
}
