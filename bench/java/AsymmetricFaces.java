import ai.onnxruntime.OrtEnvironment;
import org.affect4j.data.Images;
import org.affect4j.data.RgbImage;
import org.affect4j.faces.BlazeFaceDetector;
import org.affect4j.faces.BlazeFaceModel;
import org.affect4j.faces.Face;
import org.affect4j.faces.FaceCropPipeline;
import org.affect4j.faces.FaceKeypoint;
import org.affect4j.faces.Point;
import org.affect4j.features.visual.ConvertedModels;
import org.affect4j.pipeline.ExtractionOptions;
import org.affect4j.pipeline.VideoExtraction;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side checks of issue 14's "a face outside the seven comes out as Other" with one-sided expressions (contempt is a
 * one-sided lip-corner raise), README "Where it fails":
 *   halves LIST OUT_DIR        each picture's two half-face composites (the face's left half and its reflection,
 *                              then the right), OUT_DIR/NAME_a.png and NAME_b.png, for `predict` to read
 *   smirk LIST OUT_DIR SEED    each picture with one mouth corner pulled up and out (a synthetic smirk), OUT_DIR/NAME_smirk.png
 *   rows none|smirk|sym LIST OUT.bin SEED
 *                              the face rows (faceapi-expr, faceapi-expr-tight, faceres, mobilefacenet: what the
 *                              default model reads) of each picture as it is, smirked, or with both corners pulled
 *                              alike (sym, the control), extracted as predict extracts a still: per picture one
 *                              byte (face found) and the big-endian float32 row; bench/python/synthetic-other.py reads them
 *   landmarks LIST OUT.csv SEED
 *                              each picture as it is, smirked and with both corners pulled alike, each searched,
 *                              aligned and read as predict reads a still, by two landmark nets: faceapi-landmarks
 *                              (68 points) and MediaPipe's face mesh (human-models facemesh, 468 points, on the
 *                              aligned crop through an onnx: config); one CSV line per reading: file, gold, variant,
 *                              side, the 136 then the 1,404 outputs; bench/python/synthetic-other.py landmarks reads it
 *   java -cp 'affect4j-cli/target/lib/*' bench/java/AsymmetricFaces.java MODE ...
 * LIST: lines "file,gold". The corner is placed from BlazeFace's mouth and eye keypoints (0.45 eye distances out
 * from the mouth centre) and moved by 7-14 % of the eye distance, with a Gaussian fall-off of 0.22 eye distances.
 */
public class AsymmetricFaces {
    private static final List<String> FEATURES = List.of("faceapi-expr", "faceapi-expr-tight", "faceres", "mobilefacenet");

    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "halves", "smirk" -> pictures(a);
            case "rows" -> rows(a[1], Path.of(a[2]), Path.of(a[3]), Long.parseLong(a[4]));
            case "landmarks" -> landmarks(Path.of(a[1]), Path.of(a[2]), Long.parseLong(a[3]));
            default -> throw new IllegalArgumentException("mode: halves, smirk, rows or landmarks");
        }
    }

    private static void pictures(String[] a) throws Exception {
        Path out = Files.createDirectories(Path.of(a[2]));
        Random rnd = new Random(a.length > 3 ? Long.parseLong(a[3]) : 1);
        try (BlazeFaceDetector d = detector()) {
            for (String line : Files.readAllLines(Path.of(a[1]))) {
                String[] f = line.split(",");
                RgbImage im = Images.read(Path.of(f[0]));
                Face face = find(d, im);
                if (face == null) {
                    System.err.println("no face: " + f[0]);
                    continue;
                }
                String base = Path.of(f[0]).getFileName().toString().replaceAll("\\.[^.]*$", "");
                if (a[0].equals("halves")) {
                    Point re = face.keypoint(FaceKeypoint.RIGHT_EYE), le = face.keypoint(FaceKeypoint.LEFT_EYE);
                    double mx = (re.x() + le.x()) / 2, my = (re.y() + le.y()) / 2, ex = le.x() - re.x(), ey = le.y() - re.y();
                    double iod = Math.hypot(ex, ey);
                    for (int side = -1; side <= 1; side += 2) {
                        Path p = out.resolve(base + (side < 0 ? "_a" : "_b") + ".png");
                        Images.write(halves(im, mx, my, ex / iod, ey / iod, side), p);
                        System.out.println(p + "," + f[1]);
                    }
                } else {
                    Path p = out.resolve(base + "_smirk.png");
                    Images.write(corners(im, face, 0.07 + 0.07 * rnd.nextDouble(), rnd.nextBoolean() ? 1 : -1), p);
                    System.out.println(p + "," + f[1]);
                }
            }
        }
    }

    private static void rows(String mode, Path list, Path out, long seed) throws Exception {
        List<RgbImage> ims = new ArrayList<>();
        Random rnd = new Random(seed);
        try (BlazeFaceDetector d = detector()) {
            for (String l : Files.readAllLines(list)) {
                RgbImage im = Images.read(Path.of(l.split(",")[0]));
                double strength = 0.07 + 0.07 * rnd.nextDouble();
                int side = rnd.nextBoolean() ? 1 : -1;
                Face f = mode.equals("none") ? null : find(d, im);
                ims.add(f == null ? im : corners(im, f, strength, mode.equals("smirk") ? side : 0));
            }
        }
        FeatureStore scratch = new FeatureStore(Files.createTempDirectory("asymmetric-faces"));
        try (VideoExtraction x = new VideoExtraction(scratch, ExtractionOptions.builder(FEATURES).threads(2).build());
             DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out.toFile())))) {
            for (int from = 0; from < ims.size(); from += 256) {
                Map<String, FeatureMatrix> r = x.stillImages(ims.subList(from, Math.min(ims.size(), from + 256)));
                for (int i = 0; i < r.get(FEATURES.get(0)).rows(); i++) {
                    o.writeByte(r.get(FEATURES.get(0)).isValid(i) ? 1 : 0);
                    for (String f : FEATURES) for (float v : r.get(f).row(i)) o.writeFloat(v);
                }
            }
        }
    }

    private static void landmarks(Path list, Path out, long seed) throws Exception {
        Path mesh = Files.createTempFile("facemesh", ".json");
        Files.writeString(mesh, "{\"id\": \"facemesh\", \"model\": \"" + ConvertedModels.humanGraph("facemesh", List.of())
                + "\", \"width\": 192, \"height\": 192, \"layout\": \"NHWC\", \"colour\": \"RGB\", \"mean\": [0],"
                + " \"std\": [255], \"resize\": \"TF_LEGACY\", \"input\": \"input_1\", \"output\": \"Identity_2\","
                + " \"dimension\": 1404}");
        List<String> features = List.of("faceapi-landmarks", "onnx:" + mesh);
        List<RgbImage> ims = new ArrayList<>();
        List<String> meta = new ArrayList<>();
        Random rnd = new Random(seed);
        try (BlazeFaceDetector d = detector()) {
            for (String l : Files.readAllLines(list)) {
                String[] f = l.split(",");
                RgbImage im = Images.read(Path.of(f[0]));
                Face face = find(d, im);
                double strength = 0.07 + 0.07 * rnd.nextDouble();
                int side = rnd.nextBoolean() ? 1 : -1;
                if (face == null) continue;
                ims.addAll(List.of(im, corners(im, face, strength, side), corners(im, face, strength, 0)));
                for (String v : List.of("none", "smirk", "sym")) meta.add(f[0] + "," + f[1] + "," + v + "," + side);
            }
        }
        FeatureStore scratch = new FeatureStore(Files.createTempDirectory("asymmetric-faces"));
        try (VideoExtraction x = new VideoExtraction(scratch, ExtractionOptions.builder(features).threads(2).build());
             java.io.PrintWriter o = new java.io.PrintWriter(Files.newBufferedWriter(out))) {
            Map<String, FeatureMatrix> r = x.stillImages(ims);
            for (int i = 0; i < ims.size(); i++) {
                if (!r.get(features.get(0)).isValid(i)) continue;
                StringBuilder line = new StringBuilder(meta.get(i));
                for (String f : List.of("faceapi-landmarks", "facemesh")) for (float v : r.get(f).row(i)) line.append(',').append(v);
                o.println(line);
            }
        }
    }

    private static BlazeFaceDetector detector() {
        return BlazeFaceDetector.create(OrtEnvironment.getEnvironment(), BlazeFaceModel.FRONT_128, 1);
    }

    /** The face predict's still search finds (as it is, then on a canvas twice its size), or null. */
    private static Face find(BlazeFaceDetector d, RgbImage im) {
        return new FaceCropPipeline(d, 1).trackSingle(im).face(0).orElse(null);
    }

    /** One side of the face (side -1 or +1 along the eye line from the eyes' midpoint) and its reflection. */
    private static RgbImage halves(RgbImage im, double mx, double my, double ex, double ey, int keep) {
        int w = im.width(), h = im.height();
        byte[] o = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double u = (x - mx) * ex + (y - my) * ey;
                boolean reflect = u != 0 && Math.signum(u) != keep;
                sample(im, reflect ? x - 2 * u * ex : x, reflect ? y - 2 * u * ey : y, o, (y * w + x) * 3);
            }
        return new RgbImage(w, h, o);
    }

    /** Mouth corner {@code side} (+1 / -1; 0: both) pulled towards the eyes and outwards by {@code strength} eye distances. */
    private static RgbImage corners(RgbImage im, Face face, double strength, int side) {
        Point re = face.keypoint(FaceKeypoint.RIGHT_EYE), le = face.keypoint(FaceKeypoint.LEFT_EYE), mo = face.keypoint(FaceKeypoint.MOUTH_CENTER);
        double mx = (re.x() + le.x()) / 2, my = (re.y() + le.y()) / 2, ex = le.x() - re.x(), ey = le.y() - re.y(), iod = Math.hypot(ex, ey);
        ex /= iod;
        ey /= iod;
        double nx = mx - mo.x(), ny = my - mo.y(), nn = Math.hypot(nx, ny);
        nx /= nn;
        ny /= nn;
        RgbImage cur = im;
        for (int s : side == 0 ? new int[] {-1, 1} : new int[] {side}) {
            double cx = mo.x() + s * 0.45 * iod * ex, cy = mo.y() + s * 0.45 * iod * ey;
            double dx = strength * iod * (nx + 0.4 * s * ex), dy = strength * iod * (ny + 0.4 * s * ey), sigma = 0.22 * iod;
            int w = cur.width(), h = cur.height();
            byte[] o = new byte[w * h * 3];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double g = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                    sample(cur, x - g * dx, y - g * dy, o, (y * w + x) * 3);
                }
            cur = new RgbImage(w, h, o);
        }
        return cur;
    }

    /** Bilinear sample at (x, y), clamped to the picture. */
    private static void sample(RgbImage im, double x, double y, byte[] o, int at) {
        int w = im.width(), h = im.height();
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x, y0 = (int) y, x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        byte[] s = im.rgb();
        for (int c = 0; c < 3; c++) {
            double v = (1 - fx) * (1 - fy) * (s[(y0 * w + x0) * 3 + c] & 255) + fx * (1 - fy) * (s[(y0 * w + x1) * 3 + c] & 255)
                    + (1 - fx) * fy * (s[(y1 * w + x0) * 3 + c] & 255) + fx * fy * (s[(y1 * w + x1) * 3 + c] & 255);
            o[at + c] = (byte) Math.round(v);
        }
    }
}
