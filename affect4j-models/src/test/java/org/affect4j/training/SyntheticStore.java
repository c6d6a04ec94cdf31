package org.affect4j.training;

import org.affect4j.store.FeatureDescriptor;
import org.affect4j.store.FeatureMatrix;
import org.affect4j.store.FeatureStore;
import org.affect4j.store.VideoInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small feature store of synthetic videos whose features depend on the class (a class-specific mean plus
 * noise) with two features {@code a} (6-d) and {@code b} (3-d), item lists {@code train.csv} / {@code val.csv}, and
 * an experiment file with tiny model sizes. For testing machinery, not accuracy.
 */
public final class SyntheticStore {
    static final int CLASSES_USED = 4;

    private SyntheticStore() {
    }

    /** Creates the store under {@code dir}/store and the lists beside it. */
    public static void write(Path dir, int trainVideos, int valVideos) throws IOException {
        FeatureStore store = new FeatureStore(dir.resolve("store"));
        store.putDescriptor(new FeatureDescriptor("a", 6, 0, "synthetic", "1", Map.of()));
        store.putDescriptor(new FeatureDescriptor("b", 3, 0, "synthetic", "1", Map.of()));
        Random rnd = new Random(7);
        StringBuilder train = new StringBuilder("name,label\n");
        StringBuilder val = new StringBuilder("name,label\n");
        for (int v = 0; v < trainVideos + valVideos; v++) {
            String name = "vid" + v;
            int label = v % CLASSES_USED;
            int frames = 20 + rnd.nextInt(40);
            store.put("a", name, matrix(frames, 6, label, rnd));
            store.put("b", name, matrix(frames, 3, label, rnd));
            store.putVideo(new VideoInfo(name, frames, 25, "synthetic"));
            (v < trainVideos ? train : val).append(name).append(',').append(label).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("val.csv"), val);
    }

    private static FeatureMatrix matrix(int frames, int dim, int label, Random rnd) {
        float[] d = new float[frames * dim];
        for (int i = 0; i < d.length; i++) {
            int col = i % dim;
            d[i] = (col % CLASSES_USED == label ? 1.5f : 0f) + (float) rnd.nextGaussian() * 0.5f;
        }
        return FeatureMatrix.of(frames, dim, d);
    }

    /** An experiment JSON over that store with tiny sizes; {@code extra} is spliced into the training section. */
    public static Path config(Path dir, String type, String extraTraining) throws IOException {
        String encoder = type.equals("lstm") ? "{\"hidden\": 16, \"layers\": 1}"
                : "{\"width\": 16, \"layers\": 2, \"heads\": 4, \"feedForward\": 24, \"stride\": 8}";
        String json = "{\n"
                + "  \"name\": \"synthetic-" + type + "\",\n"
                + "  \"seed\": 7,\n"
                + "  \"data\": {\"store\": \"store\", \"train\": \"train.csv\", \"validation\": \"val.csv\"},\n"
                + "  \"features\": [\"a\", \"b\"],\n"
                + "  \"model\": {\"type\": \"" + type + "\", \"segmentLength\": 16, \"fusionDim\": 12, \"dropout\": 0.1,"
                + " \"head\": [16, 8], \"encoder\": " + encoder + "},\n"
                + "  \"training\": {\"epochs\": 1, \"batchSize\": 4, \"learningRate\": 0.003" + extraTraining + "}\n"
                + "}\n";
        Path f = dir.resolve(type + ".json");
        Files.writeString(f, json);
        return f;
    }
}
