package org.affect4j.faces.bench;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.BlazeFaceDetector;
import org.affect4j.faces.BlazeFaceModel;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceDetector;
import org.affect4j.faces.HaarFaceDetector;
import org.affect4j.faces.ImageWarp;
import org.affect4j.faces.PersonTrack;
import org.affect4j.faces.SimilarityTransform;
import org.affect4j.faces.TrackSelection;
import org.affect4j.media.FFmpegVideoSource;
import org.affect4j.data.Images;
import org.affect4j.util.Locations;

/**
 * Measurements for affect4j-faces/RESULTS.md, outside the default test run:
 * face-found rates on the six CREMA-D clips and on the FER2013 test images, and the speed of detection + alignment
 * on CREMA-D. Arguments choose sections ({@code crema fer speed}; default all). Run:
 * {@code mvn -q -B -pl affect4j-faces -Pbench test-compile exec:java -Dexec.args="crema fer speed"}.
 */
public final class FaceBench {
    private FaceBench() {
    }

    public static void main(String[] args) throws IOException {
        Set<String> what = args.length == 0 ? Set.of("crema", "fer", "speed") : Set.of(args);
        Path data = Locations.data().orElseThrow(() -> new IllegalStateException("no data folder (set AFFECT4J_DATA)"));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        System.out.printf(Locale.ROOT, "cores %d, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (what.contains("crema")) crema(env, clips(data));
        if (what.contains("fer")) fer(env, data.resolve("fer2013/test"));
        if (what.contains("speed")) speed(env, clips(data));
    }

    private static List<Path> clips(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("crema-d"))) {
            return s.filter(p -> p.toString().endsWith(".flv")).sorted().toList();
        }
    }

    /** Per clip: frames, frames where the detector found any face, frames of the tracked person. */
    private static void crema(OrtEnvironment env, List<Path> clips) throws IOException {
        System.out.println("\n## CREMA-D: frames where the tracked person's face was found");
        System.out.println("| clip | frames | BlazeFace front 128 | BlazeFace back 256 | Haar (frontalface_alt) |");
        System.out.println("|---|---:|---:|---:|---:|");
        try (FaceDetector front = BlazeFaceDetector.create(env, BlazeFaceModel.FRONT_128, 2);
             FaceDetector back = BlazeFaceDetector.create(env, BlazeFaceModel.BACK_256, 2);
             FaceDetector haar = new HaarFaceDetector()) {
            FaceDetector[] dets = {front, back, haar};
            int total = 0;
            int[] found = new int[3];
            for (Path clip : clips) {
                StringBuilder row = new StringBuilder();
                int frames = 0;
                for (int d = 0; d < dets.length; d++) {
                    try (FFmpegVideoSource src = FFmpegVideoSource.open(clip)) {
                        PersonTrack t = new FaceCropPipeline(dets[d], 1).track(src, TrackSelection.MAIN);
                        frames = t.frameCount();
                        found[d] += t.foundCount();
                        row.append(String.format(Locale.ROOT, " %d (%.1f%%) |", t.foundCount(),
                                100.0 * t.foundCount() / frames));
                    }
                }
                total += frames;
                System.out.printf(Locale.ROOT, "| %s | %d |%s%n", clip.getFileName(), frames, row);
            }
            System.out.printf(Locale.ROOT, "| **all** | %d | %s | %s | %s |%n", total, pct(found[0], total),
                    pct(found[1], total), pct(found[2], total));
        }
    }

    /** FER2013 test: the 48x48 crop as is, and centred on a black canvas twice its size. */
    private static void fer(OrtEnvironment env, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "%n## FER2013 test images (%d, 48x48 grey): any face found%n", files.size());
        System.out.println("| detector | as is (48x48) | centred on a 96x96 black canvas | on a 144x144 canvas |");
        System.out.println("|---|---:|---:|---:|");
        try (FaceDetector front = BlazeFaceDetector.create(env, BlazeFaceModel.FRONT_128, 2);
             FaceDetector back = BlazeFaceDetector.create(env, BlazeFaceModel.BACK_256, 2);
             FaceDetector haar = new HaarFaceDetector(0.3)) {
            String[] names = {"BlazeFace front 128", "BlazeFace back 256", "Haar (min face 30% of side)"};
            FaceDetector[] dets = {front, back, haar};
            int[][] found = new int[3][3];
            for (Path f : files) {
                RgbImage img = Images.read(f);
                RgbImage[] variants = {img, pad(img, 2), pad(img, 3)};
                for (int d = 0; d < dets.length; d++) {
                    for (int v = 0; v < variants.length; v++) {
                        if (!dets[d].detect(variants[v]).isEmpty()) found[d][v]++;
                    }
                }
            }
            for (int d = 0; d < dets.length; d++) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", names[d], pct(found[d][0], files.size()),
                        pct(found[d][1], files.size()), pct(found[d][2], files.size()));
            }
        }
    }

    private static RgbImage pad(RgbImage img, int factor) {
        int w = img.width() * factor, h = img.height() * factor;
        return ImageWarp.warp(img, new SimilarityTransform(1, 0, -(w - img.width()) / 2.0,
                -(h - img.height()) / 2.0), w, h);
    }

    /** Frames per second of decode only, and of both pipeline passes (decode twice, detect, track, align). */
    private static void speed(OrtEnvironment env, List<Path> clips) throws IOException {
        int rounds = 5;
        System.out.printf(Locale.ROOT, "%n## Speed on the six CREMA-D clips (480x360), %d rounds after one warm-up%n",
                rounds);
        System.out.printf(Locale.ROOT, "load average before: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| configuration | frames | wall s | frames/s | CPU s | frames per CPU-s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        decodeOnly(clips, 1);
        double[] r = timed(() -> decodeOnly(clips, rounds));
        row("decode only", r);
        String[][] configs = {{"FRONT_128", "1", "2"}, {"FRONT_128", "2", "1"}, {"BACK_256", "1", "2"},
            {"BACK_256", "2", "1"}};
        for (String[] c : configs) {
            BlazeFaceModel m = BlazeFaceModel.valueOf(c[0]);
            int workers = Integer.parseInt(c[1]), intra = Integer.parseInt(c[2]);
            try (BlazeFaceDetector det = BlazeFaceDetector.create(env, m, intra)) {
                FaceCropPipeline p = new FaceCropPipeline(det, workers);
                bothPasses(p, clips, 1);
                row(String.format(Locale.ROOT, "%s: detect %d worker(s) x %d intra-op thread(s) + align",
                        m, workers, intra), timed(() -> bothPasses(p, clips, rounds)));
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private interface Work {
        int run() throws IOException;
    }

    /** {frames, wall seconds, process CPU seconds}: CPU time stays meaningful when other jobs share the cores. */
    private static double[] timed(Work w) throws IOException {
        long t0 = System.nanoTime();
        double c0 = cpuSeconds();
        int frames = w.run();
        return new double[] {frames, (System.nanoTime() - t0) / 1e9, cpuSeconds() - c0};
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static void row(String name, double[] r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f | %.2f | %.0f |%n", name, (int) r[0], r[1],
                r[0] / r[1], r[2], r[0] / r[2]);
    }

    private static int decodeOnly(List<Path> clips, int rounds) throws IOException {
        int n = 0;
        for (int i = 0; i < rounds; i++) {
            for (Path c : clips) {
                try (FFmpegVideoSource src = FFmpegVideoSource.open(c)) {
                    while (src.next() != null) n++;
                }
            }
        }
        return n;
    }

    private static int bothPasses(FaceCropPipeline p, List<Path> clips, int rounds) throws IOException {
        int n = 0;
        long[] checksum = new long[1];
        for (int i = 0; i < rounds; i++) {
            for (Path c : clips) {
                PersonTrack t;
                try (FFmpegVideoSource src = FFmpegVideoSource.open(c)) {
                    t = p.track(src, TrackSelection.MAIN);
                }
                try (FFmpegVideoSource src = FFmpegVideoSource.open(c)) {
                    p.crops(src, t, f -> checksum[0] += f.valid() ? f.crop().rgb()[0] : 0);
                }
                n += t.frameCount();
            }
        }
        return n;
    }

    private static String pct(int k, int n) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", k, 100.0 * k / n);
    }
}
